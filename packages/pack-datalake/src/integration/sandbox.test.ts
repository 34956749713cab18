/**
 * The data lake pack through the real host pipeline (SDK client over an in-memory transport) against the sandbox:
 * real asynchronous queries over DuckDB, paging by query id, cancellation, progress, and the SQL guard.
 * Ids are discovered through the API, never hard-coded.
 */
import { assertPackConventions, createTestHost, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { datalakePack } from '../index.js';
import { readable } from '../testdata/helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field in assertions.
type Result = Record<string, any>;

const CT = 'panther_logs.public.aws_cloudtrail';
/** The generated data sits around "now"; a wide window keeps the tests independent of the generator's range. */
const EVER = "p_occurs_between('2000-01-01', '2100-01-01')";

let sandbox: Sandbox;
let host: TestHost;

const textOf = (result: { content?: unknown }) =>
  ((result.content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');

async function ok(name: string, args: Record<string, unknown> = {}): Promise<Result> {
  const result = await host.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return readable(result.structuredContent as Result);
}

async function fails(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await host.call(name, args);
  expect(result.isError, `${name} should fail`).toBe(true);
  return textOf(result);
}

/** Calls that reached the sandbox's data lake: submissions, and statements it actually ran. */
const lakeCalls = () => ({
  submitted: sandbox.stats.requestsByRoute['graphql executeDataLakeQuery'] ?? 0,
  executed: sandbox.stats.dataLakeExecutions,
});

beforeAll(async () => {
  sandbox = await startSandbox({ events: 3000, seed: 7 });
  host = await createTestHost({
    packs: [datalakePack],
    panther: { url: sandbox.url, token: sandbox.tokens.analyst },
  });
});

afterAll(async () => {
  await host?.close();
  await sandbox?.close();
});

describe('datalake pack on the sandbox', () => {
  it('follows the pack conventions and lists its nine read tools for the analyst (read-only)', async () => {
    assertPackConventions(datalakePack);
    expect((await host.tools()).sort()).toEqual(
      datalakePack.tools
        .filter((t) => t.access === 'read')
        .map((t) => t.name)
        .sort(),
    );
  });

  it('hides the tools from tokens without the permissions', async () => {
    const none = await createTestHost({
      packs: [datalakePack],
      panther: { url: sandbox.url, token: sandbox.tokens.noAccess },
    });
    const responder = await createTestHost({
      packs: [datalakePack],
      panther: { url: sandbox.url, token: sandbox.tokens.responder },
    });
    try {
      expect(await none.tools()).toEqual([]);
      const tools = await responder.tools();
      expect(tools).toContain('query_data_lake');
      expect(tools).not.toContain('list_log_type_schemas');
      expect(tools).not.toContain('get_log_type_schema_details');
      expect(tools).toHaveLength(7);
    } finally {
      await none.close();
      await responder.close();
    }
  });

  it('returns generated CloudTrail rows as columns and rows, with the total count', async () => {
    const sql = `SELECT eventName, sourceIPAddress, p_event_time FROM ${CT} WHERE ${EVER} ORDER BY p_event_time DESC, p_row_id`;
    const raw = (await host.call('query_data_lake', { sql, max_rows: 5 })).structuredContent as Result;
    expect(raw['columns']).toEqual(['eventName', 'sourceIPAddress', 'p_event_time']);
    expect(raw['rows']).toHaveLength(5);
    expect(raw['rows'].every((row: unknown[]) => row.length === 3 && typeof row[0] === 'string')).toBe(true);
    expect(raw['total_rows']).toBeGreaterThan(5);
    expect(raw['next_cursor']).toMatch(/^dlq1\./);
    expect(raw['note']).toBe('More rows: call again with cursor=next_cursor (the query is not run again).');
  });

  it('gives columns with one value in every row once, and keeps only the fields asked for', async () => {
    const sql = `SELECT eventName, p_log_type, p_row_id FROM ${CT} WHERE ${EVER} ORDER BY p_row_id`;
    const raw = (await host.call('query_data_lake', { sql, max_rows: 4 })).structuredContent as Result;
    expect(raw['same_in_every_row']).toEqual({ p_log_type: 'AWS.CloudTrail' });
    expect(raw['columns']).toEqual(['eventName', 'p_row_id']);
    const picked = (
      await host.call('query_data_lake', { query_id: raw['query_id'], max_rows: 4, fields: ['p_row_id'] })
    ).structuredContent as Result;
    expect(picked['columns']).toEqual(['p_row_id']);
    expect(picked['rows'].map((row: string[]) => row[0])).toEqual(raw['rows'].map((row: string[]) => row[1]));
    const wrong = await fails('query_data_lake', { query_id: raw['query_id'], fields: ['eventname'] });
    expect(wrong).toContain(
      `"eventname" is not a column of query ${raw['query_id']} (columns: eventName, p_log_type, p_row_id)`,
    );
  });

  it('reads the next page from the same query id: the sandbox runs the SQL once', async () => {
    const before = lakeCalls();
    const page1 = await ok('query_data_lake', {
      sql: `SELECT p_row_id FROM ${CT} WHERE ${EVER} ORDER BY p_row_id`,
      max_rows: 3,
    });
    const page2 = await ok('query_data_lake', { cursor: page1['next_cursor'], max_rows: 3 });
    const again = await ok('query_data_lake', { query_id: page1['query_id'], max_rows: 3 });
    expect(lakeCalls()).toEqual({ submitted: before.submitted + 1, executed: before.executed + 1 });
    expect(page2['query_id']).toBe(page1['query_id']);
    const ids = (page: Result) => page['rows'].map((r: { p_row_id: string }) => r.p_row_id);
    expect(ids(page2)).toHaveLength(3);
    expect(ids(page2).some((id: string) => ids(page1).includes(id))).toBe(false);
    expect(ids(page2)[0] > ids(page1)[2]).toBe(true);
    expect(ids(again)).toEqual(ids(page1));
  });

  it('cancels the sandbox query when the client cancels the call', async () => {
    const cancelled = sandbox.stats.cancelledQueries;
    const abort = new AbortController();
    const call = host.client.callTool(
      {
        name: 'query_data_lake',
        arguments: { sql: `SELECT COUNT(*) AS n FROM ${CT} WHERE ${EVER} /* sandbox:sleep=30000 */` },
      },
      undefined,
      { signal: abort.signal },
    );
    setTimeout(() => abort.abort('user pressed stop'), 700);
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => expect(sandbox.stats.cancelledQueries).toBe(cancelled + 1), { timeout: 5000 });
  });

  it('cancels the sandbox query on timeout and says so', async () => {
    const cancelled = sandbox.stats.cancelledQueries;
    const text = await fails('query_data_lake', {
      sql: `SELECT COUNT(*) AS n FROM ${CT} WHERE ${EVER} /* sandbox:sleep=20000 */`,
      timeout: 1,
    });
    expect(text).toMatch(/ran longer than the 1 s timeout, so it was cancelled in Panther/);
    expect(sandbox.stats.cancelledQueries).toBe(cancelled + 1);
  });

  it('sends progress notifications for a slow query', async () => {
    const progress: { progress: number; message?: string | undefined }[] = [];
    const result = await host.client.callTool(
      {
        name: 'query_data_lake',
        arguments: { sql: `SELECT COUNT(*) AS n FROM ${CT} WHERE ${EVER} /* sandbox:sleep=2500 */` },
      },
      undefined,
      { onprogress: (p) => progress.push({ progress: p.progress, message: p.message }) },
    );
    expect(result.isError).toBeFalsy();
    expect(readable(result.structuredContent as Result)['rows'][0].n).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)!.progress).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)!.message).toMatch(/running for \d+ s/);
  });

  const HOSTILE: string[] = [
    `DROP TABLE ${CT}`,
    `DELETE FROM ${CT}`,
    `INSERT INTO ${CT} (eventName) VALUES ('x')`,
    `UPDATE ${CT} SET eventName = 'x'`,
    `TRUNCATE TABLE ${CT}`,
    'CREATE TABLE panther_logs.public.x AS SELECT 1',
    `ALTER TABLE ${CT} ADD COLUMN x INT`,
    'GRANT SELECT ON ALL TABLES IN SCHEMA public TO ROLE r',
    "COPY (SELECT 1) TO '/tmp/x.csv'",
    "ATTACH '/tmp/x.db' AS x",
    'SELECT 1; DROP TABLE t',
    'SELECT 1 /* ; */ ; DELETE FROM t',
    "SELECT ';' AS s; DROP TABLE t",
    "SELECT 'a\\'; DROP TABLE t; --'",
    "SELECT 1 /* /* */ '*/; DROP TABLE t; --'",
    'SELECT 1 // ; DROP TABLE t',
    'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d',
    'WITH d AS (SELECT 1) DELETE FROM t',
    'EXPLAIN ANALYZE SELECT 1',
    'SELECT * INTO t2 FROM t',
    `SELECT * FROM ${CT}`,
    'SELECT * FROM aws_cloudtrail',
    'SELECT * FROM panther_logs..okta_systemlog',
    `SELECT * FROM ${CT} WHERE p_row_id = 'x' OR 1 = 1`,
    'SELECT * FROM panther_views.public.all_logs LIMIT 5',
  ];

  it(`refuses ${HOSTILE.length} hostile or invalid statements with specific messages, sending none`, async () => {
    const before = lakeCalls();
    for (const sql of HOSTILE) {
      const text = await fails('query_data_lake', { sql });
      expect(text, sql).toMatch(/^Invalid argument "sql": /);
      expect(text, sql).toMatch(
        /not allowed|Only one statement|without a time filter|position|must be a SELECT|only SELECT may follow/,
      );
    }
    expect(lakeCalls()).toEqual(before);
  });

  it('runs valid queries that the reference server refuses or breaks', async () => {
    const [{ p_row_id: rowId }] = (
      await ok('query_data_lake', { sql: `SELECT p_row_id FROM ${CT} WHERE ${EVER} LIMIT 1` })
    )['rows'];
    const [{ p_alert_id: alertId }] = (
      await ok('query_data_lake', {
        sql: `SELECT p_alert_id FROM panther_signals.public.correlation_signals WHERE ${EVER} LIMIT 1`,
      })
    )['rows'];

    const valid: [string, Record<string, unknown>, (r: Result) => void][] = [
      [
        'lookup table, no time filter',
        { sql: 'SELECT * FROM panther_lookups.public.ipinfo_asn LIMIT 3' },
        (r) => expect(r['rows'].length).toBeGreaterThan(0),
      ],
      [
        'bare lookup table through database_name',
        { sql: 'SELECT city, country FROM ipinfo_location LIMIT 3', database_name: 'panther_lookups.public' },
        (r) => expect(r['rows'].length).toBeGreaterThan(0),
      ],
      [
        'p_row_id lookup',
        { sql: `SELECT eventName, p_row_id FROM ${CT} WHERE p_row_id = '${rowId}'` },
        (r) => expect(r['rows']).toEqual([expect.objectContaining({ p_row_id: rowId })]),
      ],
      [
        'p_alert_id lookup',
        {
          sql: `SELECT p_alert_id FROM panther_signals.public.correlation_signals WHERE p_alert_id IN ('${alertId}')`,
        },
        (r) => expect(r['rows'].length).toBeGreaterThan(0),
      ],
      [
        "a 'DELETE' string literal",
        { sql: `SELECT 'DELETE' AS verb, COUNT(*) AS n FROM ${CT} WHERE eventName <> 'DELETE' AND ${EVER}` },
        (r) => expect(r['rows'][0].verb).toBe('DELETE'),
      ],
      [
        'a reserved-word column (start), quoted for Snowflake',
        { sql: `SELECT start, "end", srcAddr FROM panther_logs.public.aws_vpcflow WHERE ${EVER} LIMIT 2` },
        (r) => {
          expect(r['columns']).toEqual(['start', 'end', 'srcAddr']);
          expect(r['quoted_identifiers']).toEqual(['"start"']);
        },
      ],
      [
        'a CTE',
        {
          sql: `WITH recent AS (SELECT eventName FROM ${CT} WHERE ${EVER}) SELECT eventName, COUNT(*) AS n FROM recent GROUP BY 1 ORDER BY 2 DESC`,
        },
        (r) => expect(r['rows'].length).toBeGreaterThan(1),
      ],
      [
        'semicolons in strings and comments',
        { sql: `SELECT ';' AS s /* ; DROP TABLE t */ ;` },
        (r) => expect(r['rows']).toEqual([{ s: ';' }]),
      ],
      [
        'a time filter inside a function, on a bare table name',
        {
          sql: "SELECT COUNT(*) AS n FROM okta_systemlog WHERE DATE_TRUNC('day', p_event_time) >= '2000-01-01'",
        },
        (r) => expect(r['rows'][0].n).toBeGreaterThan(0),
      ],
      [
        'a join with a lookup, filtered in ON',
        {
          sql: `SELECT ct.eventName, l.country FROM ${CT} ct LEFT JOIN panther_lookups.public.ipinfo_location l ON l.network = ct.sourceIPAddress AND ct.p_event_time > '2000-01-01' LIMIT 3`,
        },
        (r) => expect(r['rows'].length).toBe(3),
      ],
      [
        'SHOW TABLES',
        { sql: 'SHOW TABLES' },
        (r) => expect(r['rows'].map((row: { name: string }) => row.name)).toContain('aws_cloudtrail'),
      ],
      [
        'DESC TABLE on a bare name',
        { sql: 'DESC TABLE aws_cloudtrail' },
        (r) => expect(r['rows'].length).toBeGreaterThan(5),
      ],
      [
        'EXPLAIN without a time filter',
        { sql: `EXPLAIN SELECT * FROM ${CT}` },
        (r) => expect(r['rows'].length).toBeGreaterThan(0),
      ],
    ];
    for (const [what, args, check] of valid) {
      const result = await host.call('query_data_lake', args);
      expect(result.isError, `${what}: ${textOf(result)}`).toBeFalsy();
      check(readable(result.structuredContent as Result));
    }
  });

  it('computes alert event statistics for alert ids found in the signals', async () => {
    const found = await ok('query_data_lake', {
      sql: `SELECT p_alert_id, MIN(p_event_time) AS first_seen FROM panther_signals.public.correlation_signals WHERE ${EVER} GROUP BY 1 ORDER BY 2 LIMIT 2`,
    });
    const ids = found['rows'].map((r: { p_alert_id: string }) => r.p_alert_id);
    const stats = await ok('get_alert_event_stats', {
      alert_ids: ids,
      time_window: 15,
      start_date: '2000-01-01T00:00:00Z',
      end_date: '2100-01-01T00:00:00Z',
    });
    expect(stats['rows'].length).toBeGreaterThan(0);
    expect([...stats['all_columns']].sort()).toEqual(
      [
        'event_day',
        'time_15_minute',
        'p_log_type',
        'source_ips',
        'emails',
        'usernames',
        'trace_ids',
        'alert_count',
        'alert_ids',
        'rule_ids',
        'severities',
        'first_event',
        'last_event',
      ].sort(),
    );
    const seen = new Set(stats['rows'].flatMap((r: { alert_ids: string[] }) => r.alert_ids));
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(await fails('get_alert_event_stats', { alert_ids: ids, time_window: 10 })).toContain(
      'time_window',
    );
    expect(await fails('get_alert_event_stats', { alert_ids: ["x' OR '1'='1"] })).toContain('alert_ids');
  });

  it('lists databases, tables and a table schema with real counts', async () => {
    const dbs = await ok('list_databases');
    expect(dbs['databases'].map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['panther_logs.public', 'panther_lookups.public']),
    );
    expect(dbs['database_count']).toBe(dbs['databases'].length);

    const tables = await ok('list_database_tables', { database: 'panther_logs.public' });
    expect(tables['tables'].map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['aws_cloudtrail', 'okta_systemlog', 'github_audit', 'aws_vpcflow']),
    );
    expect(tables['table_count']).toBe(tables['tables'].length);

    const schema = await ok('get_table_schema', {
      database_name: 'panther_logs.public',
      table_name: 'aws_cloudtrail',
    });
    expect(schema['column_count']).toBe(schema['columns'].length);
    expect(schema['columns'].map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['eventName', 'p_event_time']),
    );
    expect(
      await fails('get_table_schema', { database_name: 'panther_logs.public', table_name: 'nope' }),
    ).toContain('list_database_tables');
    expect(await fails('list_database_tables', { database: 'panther logs' })).toContain('database');
  });

  it('lists scheduled queries without SQL and gets one with it', async () => {
    const list = await ok('list_scheduled_queries', { limit: 5 });
    expect(list['queries'].length).toBeGreaterThan(0);
    for (const query of list['queries']) expect(query).not.toHaveProperty('sql');
    const first = list['queries'][0];
    const filtered = await ok('list_scheduled_queries', {
      name_contains: String(first.name).slice(0, 4).toUpperCase(),
    });
    expect(filtered['queries'].map((q: { id: string }) => q.id)).toContain(first.id);

    const one = await ok('get_scheduled_query', { query_id: first.id });
    expect(one['id']).toBe(first.id);
    expect(typeof one['sql']).toBe('string');
    expect(await fails('get_scheduled_query', { query_id: 'not-a-uuid' })).toContain('must be a UUID');
  });

  it('lists log type schemas without archived ones and gets details by exact name', async () => {
    const list = await ok('list_log_type_schemas');
    const names = list['schemas'].map((s: { name: string }) => s.name);
    expect(names).toContain('AWS.CloudTrail');
    const archived = (await ok('list_log_type_schemas', { is_archived: true }))['schemas'].map(
      (s: { name: string }) => s.name,
    );
    expect(archived.length).toBeGreaterThan(0);
    expect(names.filter((name: string) => archived.includes(name))).toEqual([]);

    const details = await ok('get_log_type_schema_details', {
      schema_names: ['AWS.CloudTrail', 'No.Such.Type'],
    });
    expect(details['schemas'].map((s: { name: string }) => s.name)).toEqual(['AWS.CloudTrail']);
    expect(details['not_found']).toEqual([{ name: 'No.Such.Type' }]);
    expect(await fails('get_log_type_schema_details', { schema_names: [] })).toContain('schema_names');
  });
});
