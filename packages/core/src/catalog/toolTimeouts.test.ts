import { describe, expect, it } from 'vitest';
import { resolveToolTimeouts } from './toolTimeouts.js';

const TOOLS = ['query_data_lake', 'get_alert', 'get_detection', 'list_alerts'];

describe('resolveToolTimeouts', () => {
  it('takes a tool by its name first, then the first matching glob in written order, then "*"', () => {
    const limits = resolveToolTimeouts(
      { '*': 30_000, 'get_*': 5_000, get_alert: 1_000, 'get_d*': 2_000, query_data_lake: 300_000 },
      TOOLS,
    );
    expect(Object.fromEntries(limits)).toEqual({
      query_data_lake: 300_000,
      get_alert: 1_000,
      get_detection: 5_000,
      list_alerts: 30_000,
    });
  });

  it('leaves tools without a matching entry unlimited', () => {
    expect(Object.fromEntries(resolveToolTimeouts({ query_data_lake: 60_000 }, TOOLS))).toEqual({
      query_data_lake: 60_000,
    });
    expect(resolveToolTimeouts({}, TOOLS).size).toBe(0);
  });
});
