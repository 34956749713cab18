import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { requestBudget } from './clientOptions.js';

describe('requestBudget', () => {
  it('is the configured rate and burst, the burst defaulting to the rate', () => {
    expect(requestBudget(parseConfig({}))).toEqual({ requestsPerSecond: 20, burst: 20 });
    expect(requestBudget(parseConfig({ client: { requestsPerSecond: 5, burst: 8 } }))).toEqual({
      requestsPerSecond: 5,
      burst: 8,
    });
  });

  it('gives a replica its share of a shared budget, never a burst under 1', () => {
    const config = parseConfig({ client: { requestsPerSecond: 30, burst: 9 } });
    expect(requestBudget(config, 1 / 3)).toEqual({ requestsPerSecond: 10, burst: 3 });
    expect(requestBudget(parseConfig({ client: { requestsPerSecond: 2 } }), 1 / 10)).toEqual({
      requestsPerSecond: 0.2,
      burst: 1,
    });
  });
});
