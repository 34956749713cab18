import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getBytesProcessed from './get-bytes-processed-per-log-type-and-source.js';

const series = [
  { label: 'AWS.CloudTrail', value: 1000, breakdown: { '2025-01-01T00:00:00Z': 1000 } },
  { label: 'Okta.SystemLog', value: 24, breakdown: { '2025-01-01T00:00:00Z': 24 } },
];

describe('get_bytes_processed_per_log_type_and_source', () => {
  it('asks for the window and interval and sums the series', async () => {
    const fake = createFakeClient(() => ({ metrics: { bytesProcessedPerSource: series } }));
    const out = await runTool(
      getBytesProcessed,
      { start_date: '2025-01-01T00:00:00Z', end_date: '2025-01-02T00:00:00Z', interval_in_minutes: 60 },
      fake,
    );
    const call = fake.calls[0];
    expect(call?.kind).toBe('graphql');
    if (call?.kind === 'graphql') {
      expect(call.document).toContain('bytesProcessedPerSource');
      expect(call.variables).toEqual({
        input: {
          fromDate: '2025-01-01T00:00:00.000Z',
          toDate: '2025-01-02T00:00:00.000Z',
          intervalInMinutes: 60,
        },
      });
      expect(call.options).toMatchObject({ cacheKind: 'metrics' });
    }
    expect(out).toEqual({
      bytes_processed: series,
      total_bytes: 1024,
      start_date: '2025-01-01T00:00:00.000Z',
      end_date: '2025-01-02T00:00:00.000Z',
      interval_in_minutes: 60,
    });
  });

  it('defaults to the last 7 days by day', async () => {
    const fake = createFakeClient(() => ({ metrics: { bytesProcessedPerSource: [] } }));
    const out = await runTool(getBytesProcessed, {}, fake);
    const span = Date.parse(out['end_date'] as string) - Date.parse(out['start_date'] as string);
    expect(span).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    expect(span).toBeLessThan(7 * 24 * 3600 * 1000 + 3600 * 1000);
    expect(out).toMatchObject({ total_bytes: 0, interval_in_minutes: 1440 });
  });

  it('rejects bad dates, a reversed window and intervals Panther does not take', async () => {
    const fake = createFakeClient(() => ({ metrics: { bytesProcessedPerSource: [] } }));
    await expect(runTool(getBytesProcessed, { start_date: 'yesterday' }, fake)).rejects.toThrow(/start_date/);
    await expect(
      runTool(
        getBytesProcessed,
        { start_date: '2025-01-02T00:00:00Z', end_date: '2025-01-01T00:00:00Z' },
        fake,
      ),
    ).rejects.toThrow(/before end_date/);
    expect(() => getBytesProcessed.input.parse({ interval_in_minutes: 45 })).toThrow();
    expect(fake.calls).toHaveLength(0);
  });
});
