import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { countRecentAlerts } from './count-recent-alerts.js';

describe('example_count_recent_alerts without a host', () => {
  it('counts an empty page', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    const result = await runTool(
      countRecentAlerts,
      { hours: 24 },
      { client: fake.client, config: { maxPages: 5 } },
    );
    expect(result).toMatchObject({ total: 0, truncated: false });
    expect(fake.restCalls()[0]?.path).toBe('/alerts');
  });

  it('pages until maxPages and reports progress', async () => {
    const fake = createFakeClient(() => ({ results: [{ severity: 'HIGH' }, {}], next: 'more' }));
    const progress: unknown[][] = [];
    const result = await runTool(
      countRecentAlerts,
      { hours: 2, severities: ['HIGH'] },
      { client: fake.client, config: { maxPages: 2 }, onProgress: (...update) => progress.push(update) },
    );
    expect(result).toEqual({ hours: 2, total: 4, by_severity: { HIGH: 2, UNKNOWN: 2 }, truncated: true });
    expect(fake.restCalls().map((r) => r.query?.['cursor'])).toEqual([undefined, 'more']);
    expect(progress).toEqual([
      [1, 2, '2 alerts counted'],
      [2, 2, '4 alerts counted'],
    ]);
  });
});
