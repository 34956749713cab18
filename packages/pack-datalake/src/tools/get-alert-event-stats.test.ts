import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { guardSql } from '../sql/guard.js';
import { isSignificant, tokenize } from '../sql/tokenize.js';
import { operations, queryState } from '../testdata/helpers.js';
import getAlertEventStats, { buildAlertEventStatsSql } from './get-alert-event-stats.js';

type Graphql = Extract<FakeCall, { kind: 'graphql' }>;

function lake() {
  return createFakeClient((call) => {
    const { operation } = call as Graphql;
    if (operation === 'ExecuteDataLakeQuery') return { executeDataLakeQuery: { id: 'q-stats' } };
    return queryState('q-stats', 'succeeded', { rows: [{ p_log_type: 'AWS.CloudTrail', alert_count: 2 }] });
  });
}

const A = 'df1eb66cede030f1a6d29362ba437178';
const B = '0123456789abcdef0123456789abcdef';

describe('get_alert_event_stats', () => {
  it('runs a grouped query on correlation_signals for the ids and window, through the query runner', async () => {
    const fake = lake();
    const result = await runTool(
      getAlertEventStats,
      { alert_ids: [A, B, A], time_window: 5, start_date: '2024-05-01T00:00:00Z', end_date: '2024-05-02' },
      fake,
    );
    expect(operations(fake)).toEqual(['ExecuteDataLakeQuery', 'GetDataLakeQuery']);
    const { sql, databaseName } = (fake.calls[0] as Graphql).variables['input'] as {
      sql: string;
      databaseName: string;
    };
    expect(databaseName).toBe('panther_signals.public');
    expect(sql).toContain('FROM panther_signals.public.correlation_signals');
    expect(sql).toContain(`WHERE p_alert_id IN ('${A}', '${B}')`);
    expect(sql).toContain(
      "p_event_time BETWEEN CAST('2024-05-01 00:00:00.000' AS TIMESTAMP) AND CAST('2024-05-02 00:00:00.000' AS TIMESTAMP)",
    );
    expect(sql).toContain('/ 300) * 300) AS time_5_minute');
    expect(result).toMatchObject({
      start: '2024-05-01T00:00:00.000Z',
      end: '2024-05-02T00:00:00.000Z',
      time_window_minutes: 5,
      query_id: 'q-stats',
      columns: ['p_log_type', 'alert_count'],
      rows: [['AWS.CloudTrail', 2]],
    });
  });

  it('defaults to the last 7 days and 30-minute buckets', async () => {
    const fake = lake();
    const before = Date.now();
    const result = await runTool(getAlertEventStats, { alert_ids: [A] }, fake);
    const start = Date.parse(String(result['start']));
    const end = Date.parse(String(result['end']));
    expect(end).toBeGreaterThanOrEqual(before - 1000);
    expect(end - start).toBe(7 * 86_400_000);
    expect(result['time_window_minutes']).toBe(30);
  });

  it('escapes ids as string literals, so a hostile value stays one literal', () => {
    const hostile = "x') OR 1=1; DROP TABLE t; --\\";
    const sql = buildAlertEventStatsSql([hostile], 1, new Date(0), new Date(1000));
    expect(sql).toContain(`IN ('x'') OR 1=1; DROP TABLE t; --\\\\')`);
    const strings = tokenize(sql).filter((t) => isSignificant(t) && t.kind === 'string');
    expect(strings.map((t) => t.value)).toContain("x') OR 1=1; DROP TABLE t; --\\\\");
    expect(guardSql(sql, { databaseName: 'panther_signals.public' }).statement).toBe('SELECT');
  });

  it.each([
    [{ alert_ids: [] }, 'alert_ids'],
    [{ alert_ids: ["a'b"] }, 'alert_ids'],
    [{ alert_ids: [A], time_window: 7 }, 'time_window'],
    [{ alert_ids: [A], start_date: 'yesterday' }, 'start_date'],
    [{ alert_ids: Array.from({ length: 51 }, (_, i) => `a${i}`) }, 'alert_ids'],
  ])('rejects bad input %j', (args, field) => {
    const parsed = getAlertEventStats.input.safeParse(args);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path[0]).toBe(field);
  });

  it('refuses a start after the end without calling Panther', async () => {
    const fake = lake();
    await expect(
      runTool(getAlertEventStats, { alert_ids: [A], start_date: '2024-05-03', end_date: '2024-05-02' }, fake),
    ).rejects.toThrow('"start_date": must be before end_date');
    expect(fake.calls).toHaveLength(0);
  });
});
