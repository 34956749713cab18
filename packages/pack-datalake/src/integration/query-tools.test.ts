/**
 * Query tools from config through the real host pipeline (SDK client over an in-memory transport) against the
 * sandbox: their schemas, rows from real queries, hostile arguments checked on the SQL that reached the sandbox,
 * saved queries read at build time, and save_query followed by a reload that makes the saved query a tool.
 */
import { escapeHidden, givenPackSource, type PackDefinition } from '@mcp-panther/core';
import { createTestHost, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ranSql } from '../../../sandbox/src/testing/ranSql.js';
import { datalakePack } from '../index.js';
import { buildQueriesPack, QueryToolsError } from '../query-tools/pack.js';
import { type QueryToolEntry, queryToolSchema } from '../query-tools/section.js';
import { sqlStringLiteral } from '../support/sql-literal.js';
import { readable } from '../testdata/helpers.js';
import { HOSTILE_STRINGS } from '../testdata/hostile.js';

// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field in assertions.
type Result = Record<string, any>;

const SAVED_NAME = 'Calls by one principal';
const SAVED_SQL =
  'SELECT eventName, COUNT(*) AS calls FROM panther_logs.public.aws_cloudtrail ' +
  "WHERE userIdentity:type = {{identity_type}} AND p_occurs_since('30 d') GROUP BY 1 ORDER BY 2 DESC";

const entry = (fields: Record<string, unknown>): QueryToolEntry => queryToolSchema.parse(fields);
const ENTRIES = [
  entry({
    name: 'recent_calls_of_event',
    description: 'CloudTrail calls of one API in a recent window.',
    sql:
      'SELECT eventName, sourceIPAddress FROM panther_logs.public.aws_cloudtrail ' +
      'WHERE eventName = {{event_name}} AND p_event_time >= DATEADD(second, -{{window}}, CURRENT_TIMESTAMP()) ' +
      'LIMIT {{limit}}',
    parameters: {
      event_name: { type: 'string', maxLength: 200, description: 'API name, e.g. ConsoleLogin' },
      window: { type: 'window', values: ['1h', '24h', '30d'], default: '30d' },
      limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
    },
  }),
  entry({
    name: 'echo_value',
    description: 'Returns its argument as SQL reads it.',
    sql: 'SELECT {{value}} AS echoed, {{number}} AS n',
    parameters: {
      value: { type: 'string', maxLength: 1_000 },
      number: { type: 'integer', minimum: -10, maximum: 10, default: 0 },
    },
  }),
  entry({
    name: 'calls_by_identity_type',
    description: 'CloudTrail calls per API for one identity type (a saved query).',
    savedQuery: SAVED_NAME,
    parameters: { identity_type: { type: 'string', enum: ['Root', 'IAMUser', 'AssumedRole'] } },
  }),
];

let sandbox: Sandbox;
let host: TestHost;
let queries: PackDefinition;

const textOf = (result: { content?: unknown }) =>
  ((result.content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');

async function ok(name: string, args: Record<string, unknown> = {}): Promise<Result> {
  const result = await host.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return readable(result.structuredContent as Result);
}

const sqlOf = (queryId: string) => ranSql(sandbox, queryId);

async function saveQueryByRest(name: string, sql: string): Promise<void> {
  const response = await fetch(`${sandbox.url}/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-API-Key': sandbox.tokens.admin },
    body: JSON.stringify({ name, sql }),
  });
  expect(response.status).toBe(200);
}

const submitted = () => sandbox.stats.requestsByRoute['graphql executeDataLakeQuery'] ?? 0;

beforeAll(async () => {
  sandbox = await startSandbox({ events: 3000, seed: 11 });
  await saveQueryByRest(SAVED_NAME, SAVED_SQL);
  const builder = await createTestHost({
    packs: [datalakePack],
    panther: { url: sandbox.url, token: sandbox.tokens.analyst },
  });
  try {
    queries = await buildQueriesPack(ENTRIES, builder.host.client);
  } finally {
    await builder.close();
  }
  host = await createTestHost({
    packs: [datalakePack, queries],
    panther: { url: sandbox.url, token: sandbox.tokens.analyst },
  });
});

afterAll(async () => {
  await host?.close();
  await sandbox?.close();
});

describe('query tools on the sandbox', () => {
  it('are listed with their typed parameters beside the data lake tools', async () => {
    const { tools } = await host.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ['recent_calls_of_event', 'echo_value', 'calls_by_identity_type']) {
      expect(byName.get(name)?.annotations).toMatchObject({ readOnlyHint: true });
    }
    expect(byName.get('recent_calls_of_event')?.inputSchema).toMatchObject({
      properties: {
        event_name: { type: 'string', maxLength: 200, description: 'API name, e.g. ConsoleLogin' },
        window: { enum: ['1h', '24h', '30d'], default: '30d' },
        limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
      },
      required: ['event_name'],
    });
    expect(byName.get('calls_by_identity_type')?.inputSchema).toMatchObject({
      properties: { identity_type: { enum: ['Root', 'IAMUser', 'AssumedRole'] } },
    });
  });

  it('answer with rows, as the data lake does', async () => {
    const [busiest] = (await ok('calls_by_identity_type', { identity_type: 'AssumedRole' }))[
      'rows'
    ] as Result[];
    expect(busiest?.['calls']).toBeGreaterThan(0);
    const event = busiest?.['eventName'] as string;
    const recent = await ok('recent_calls_of_event', { event_name: event, limit: 3 });
    expect(recent['rows']).toHaveLength(3);
    expect(recent['rows'].every((row: Result) => row['eventName'] === event)).toBe(true);
    expect(recent['query_id']).toEqual(expect.any(String));
    expect(await sqlOf(recent['query_id'])).toBe(
      'SELECT eventName, sourceIPAddress FROM panther_logs.public.aws_cloudtrail ' +
        `WHERE eventName = ${sqlStringLiteral(event)} AND p_event_time >= DATEADD(second, -2592000, CURRENT_TIMESTAMP()) LIMIT 3`,
    );
  });

  it('binds hostile values harmlessly: the SQL that reached the sandbox only holds each as a literal', async () => {
    const values = HOSTILE_STRINGS.filter((value) => value.length <= 1_000);
    // Side by side: the sandbox runs each query on its own connection.
    await Promise.all(
      values.map(async (value) => {
        const echoed = await ok('echo_value', { value, number: -3 });
        // It comes back as the host shows every value: hidden characters as visible escapes.
        expect(echoed['rows'], JSON.stringify(value)).toEqual([{ echoed: escapeHidden(value), n: -3 }]);
        expect(await sqlOf(echoed['query_id'])).toBe(
          `SELECT ${sqlStringLiteral(value)} AS echoed, (-3) AS n`,
        );
        const recent = await ok('recent_calls_of_event', { event_name: value, window: '1h' });
        expect(recent['rows'], JSON.stringify(value)).toEqual([]);
        expect(await sqlOf(recent['query_id'])).toBe(
          'SELECT eventName, sourceIPAddress FROM panther_logs.public.aws_cloudtrail ' +
            `WHERE eventName = ${sqlStringLiteral(value)} AND p_event_time >= DATEADD(second, -3600, CURRENT_TIMESTAMP()) LIMIT 10`,
        );
      }),
    );
  });

  it.each([
    ['a 100 KB string', { event_name: 'x'.repeat(100_000) }, 'event_name must be at most 200 characters'],
    [
      'a NUL',
      { event_name: 'a\u0000b' },
      'event_name must not contain control characters (U+0000 at position 1)',
    ],
    ['an escape character', { event_name: '\u001b[2J' }, 'event_name must not contain control characters'],
    ['a window outside the set', { event_name: 'x', window: '7d' }, 'window'],
    ['SQL for a number', { event_name: 'x', limit: '1; DROP TABLE t' }, 'limit'],
    ['a number out of bounds', { event_name: 'x', limit: 1000 }, 'limit'],
  ])('refuses %s before anything reaches the sandbox', async (_what, args, message) => {
    const before = submitted();
    const result = await host.call('recent_calls_of_event', args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
    expect(submitted()).toBe(before);
  });

  it('refuses values outside an enum', async () => {
    const result = await host.call('calls_by_identity_type', { identity_type: "Root' OR '1'='1" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('identity_type');
  });

  it('pages by query id without running the SQL again, and only its own runs', async () => {
    const [busiest] = (await ok('calls_by_identity_type', { identity_type: 'AssumedRole' }))[
      'rows'
    ] as Result[];
    const event = busiest?.['eventName'] as string;
    expect(busiest?.['calls']).toBeGreaterThan(1);
    const first = await ok('recent_calls_of_event', { event_name: event, limit: 100, max_rows: 1 });
    expect(first['next_cursor']).toEqual(expect.any(String));
    const executions = sandbox.stats.dataLakeExecutions;
    const second = await ok('recent_calls_of_event', {
      event_name: event,
      limit: 100,
      max_rows: 1,
      cursor: first['next_cursor'],
    });
    expect(second['query_id']).toBe(first['query_id']);
    expect(second['rows']).toHaveLength(1);
    expect(sandbox.stats.dataLakeExecutions).toBe(executions);
    const other = await host.call('echo_value', { value: 'x', query_id: first['query_id'] });
    expect(textOf(other)).toContain('Invalid argument "query_id": belongs to another query');
  });
});

describe('saved queries as tools', () => {
  it('refuses, when the tools are built, a saved query that is not read-only', async () => {
    await saveQueryByRest(
      'Clean up',
      'DELETE FROM panther_logs.public.aws_cloudtrail WHERE eventName = {{e}}',
    );
    const builder = await createTestHost({
      packs: [datalakePack],
      panther: { url: sandbox.url, token: sandbox.tokens.analyst },
    });
    try {
      const building = buildQueriesPack(
        [
          entry({
            name: 'clean_up',
            description: 'd',
            savedQuery: 'Clean up',
            parameters: { e: { type: 'string' } },
          }),
        ],
        builder.host.client,
      );
      await expect(building).rejects.toThrow(QueryToolsError);
      await expect(building).rejects.toThrow(
        'query tool "clean_up": saved query "Clean up" is not accepted by the data lake SQL guard: DELETE',
      );
    } finally {
      await builder.close();
    }
  });

  it('save_query, then a reload, makes the saved query a tool', async () => {
    const writer = await createTestHost({
      packs: [datalakePack],
      panther: { url: sandbox.url, token: sandbox.tokens.admin },
      policy: { mode: 'read-write' },
    });
    try {
      const name = 'Regions of one event';
      const saved = await writer.call('save_query', {
        name,
        description: 'a hunt worth keeping',
        sql:
          'SELECT awsRegion, COUNT(*) AS calls FROM panther_logs.public.aws_cloudtrail ' +
          "WHERE eventName = {{event_name}} AND p_occurs_since('30 d') GROUP BY 1",
      });
      expect(saved.isError, textOf(saved)).toBeFalsy();
      expect(await writer.tools()).not.toContain('regions_of_event');

      const tool = entry({
        name: 'regions_of_event',
        description: 'AWS regions where one API was called this month.',
        savedQuery: name,
        parameters: { event_name: { type: 'string', maxLength: 100 } },
      });
      const rebuilt = await buildQueriesPack([tool], writer.host.client);
      const report = await writer.host.reload({
        config: writer.host.config,
        packs: [givenPackSource(datalakePack), givenPackSource(rebuilt)],
      });
      expect(report.addedTools).toEqual(['regions_of_event']);
      const result = await writer.call('regions_of_event', { event_name: 'ConsoleLogin' });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect((result.structuredContent as Result)['columns']).toEqual(['awsRegion', 'calls']);
    } finally {
      await writer.close();
    }
  });
});
