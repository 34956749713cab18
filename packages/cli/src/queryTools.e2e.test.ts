import { writeFile } from 'node:fs/promises';
import type { Sandbox } from '@mcp-panther/sandbox';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ranSql } from '../../sandbox/src/testing/ranSql.js';
import {
  assertBuilt,
  baseEnv,
  connectStdio,
  killAll,
  runCli,
  startPanther,
  tempDir,
  textOf,
  writeConfig,
} from './testdata/harness.js';

// Query tools from the `queryTools` section, end to end: the built command, its config file, the sandbox as
// Panther. Listed by `tools` and `doctor`, served over stdio, a broken entry (or one whose name a built-in tool
// has) fails start-up naming it, hostile arguments never change the query (checked on the SQL that reached the
// sandbox), and a query saved with save_query becomes a tool when the config names it (--watch).

let panther: Sandbox;
let tmp: Awaited<ReturnType<typeof tempDir>>;

const SAVED = 'Calls of one API by region';
const QUERY_TOOLS = [
  {
    name: 'recent_calls_of_event',
    description: 'CloudTrail calls of one API in a recent window.',
    sql:
      'SELECT eventName, awsRegion FROM panther_logs.public.aws_cloudtrail ' +
      'WHERE eventName = {{event_name}} AND p_event_time >= DATEADD(second, -{{window}}, CURRENT_TIMESTAMP()) ' +
      'LIMIT {{limit}}',
    parameters: {
      event_name: { type: 'string', maxLength: 100 },
      window: { type: 'window', values: ['24h', '30d'], default: '30d' },
      limit: { type: 'integer', minimum: 1, maximum: 50, default: 5 },
    },
  },
  {
    name: 'calls_from_regions',
    description: 'CloudTrail calls from any of some regions this month.',
    sql: "SELECT awsRegion, COUNT(*) AS calls FROM panther_logs.public.aws_cloudtrail WHERE awsRegion IN ({{regions}}) AND p_occurs_since('30 d') GROUP BY 1",
    parameters: { regions: { type: 'list', items: { maxLength: 30, pattern: '[a-z0-9-]+' }, maxItems: 10 } },
  },
  {
    name: 'regions_of_event',
    description: 'Regions where one API was called (a saved query).',
    savedQuery: SAVED,
    parameters: { event_name: { type: 'string', maxLength: 100 } },
  },
];

async function saveQuery(name: string, sql: string): Promise<void> {
  const response = await fetch(`${panther.url}/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-API-Key': panther.tokens.admin },
    body: JSON.stringify({ name, sql }),
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  assertBuilt();
  panther = await startPanther();
  tmp = await tempDir();
  await saveQuery(
    SAVED,
    "SELECT awsRegion, COUNT(*) AS calls FROM panther_logs.public.aws_cloudtrail WHERE eventName = {{event_name}} AND p_occurs_since('30 d') GROUP BY 1",
  );
  // Panther stores whatever SQL it is given; the query tools must refuse this one.
  await saveQuery('Drop the trail', 'DELETE FROM panther_logs.public.aws_cloudtrail');
});
afterEach(async () => {
  await killAll();
});
afterAll(async () => {
  await panther?.close();
  await tmp?.remove();
});

const env = (token = panther.tokens.analyst) =>
  baseEnv({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: token, LOG_LEVEL: '' });

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`no ${what} within ${timeoutMs} ms`);
}

describe('query tools from the config file', () => {
  it('are listed by tools and doctor, and answer over stdio with rows', async () => {
    const file = await writeConfig(tmp.dir, 'query-tools.json', {
      packs: ['@mcp-panther/pack-datalake'],
      queryTools: QUERY_TOOLS,
    });
    const listed = JSON.parse((await runCli(['tools', '--json', '--config', file], env())).stdout) as {
      tools: { pack: string; tool: string; access: string; status: string }[];
    };
    expect(listed.tools.filter((t) => t.pack === 'queries')).toEqual(
      ['calls_from_regions', 'recent_calls_of_event', 'regions_of_event'].map((tool) => ({
        pack: 'queries',
        tool,
        access: 'read',
        status: 'enabled',
      })),
    );
    const doctor = await runCli(['doctor', '--config', file], env());
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('✓ packs: datalake, queries');
    expect(doctor.stdout).toMatch(/tools the token can use: .*recent_calls_of_event/);

    const session = await connectStdio(['--config', file], env());
    try {
      const { tools } = await session.client.listTools();
      const recent = tools.find((t) => t.name === 'recent_calls_of_event');
      expect(recent?.inputSchema).toMatchObject({
        properties: {
          event_name: { type: 'string', maxLength: 100 },
          window: { enum: ['24h', '30d'], default: '30d' },
          limit: { type: 'integer', minimum: 1, maximum: 50, default: 5 },
        },
        required: ['event_name'],
      });
      const regions = (await session.client.callTool({
        name: 'regions_of_event',
        arguments: { event_name: 'ConsoleLogin' },
      })) as { structuredContent?: { columns: string[]; rows: unknown[][] } };
      expect(regions.structuredContent?.columns).toEqual(['awsRegion', 'calls']);
      expect(regions.structuredContent?.rows.length).toBeGreaterThan(0);
      const region = regions.structuredContent?.rows[0]?.[0] as string;
      const calls = await session.client.callTool({
        name: 'recent_calls_of_event',
        arguments: { event_name: 'ConsoleLogin', limit: 2 },
      });
      expect((calls.structuredContent as { rows: unknown[] }).rows).toHaveLength(2);
      const fromRegions = await session.client.callTool({
        name: 'calls_from_regions',
        arguments: { regions: [region] },
      });
      expect(fromRegions.isError, textOf(fromRegions)).toBeFalsy();
      const refused = await session.client.callTool({
        name: 'calls_from_regions',
        arguments: { regions: ["us-east-1') OR ('1'='1"] },
      });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain('regions');
    } finally {
      await session.close();
    }
  });

  it.each([
    [
      'an unknown placeholder',
      { name: 'broken_one', description: 'd', sql: 'SELECT {{who}}' },
      'query tool "broken_one": the SQL uses {{who}}, which is not a declared parameter',
    ],
    [
      'a saved query that is not read-only',
      { name: 'drops_rows', description: 'd', savedQuery: 'Drop the trail' },
      'query tool "drops_rows": saved query "Drop the trail" is not accepted by the data lake SQL guard: DELETE',
    ],
    [
      'a saved query that does not exist',
      { name: 'gone', description: 'd', savedQuery: 'No such query' },
      'query tool "gone": Panther has no saved query named "No such query"',
    ],
    [
      'the name of a built-in tool',
      { name: 'query_data_lake', description: 'd', sql: 'SELECT 1 AS one' },
      'tool "query_data_lake" is already registered by pack "datalake"',
    ],
    [
      'a parameter named like a paging argument',
      {
        name: 'pages',
        description: 'd',
        sql: 'SELECT {{cursor}} AS c',
        parameters: { cursor: { type: 'string' } },
      },
      'query tool "pages": parameter "cursor" is reserved (max_rows, cursor, query_id page the results)',
    ],
    [
      'two query tools of the same name',
      [
        { name: 'twice', description: 'd', sql: 'SELECT 1 AS one' },
        { name: 'twice', description: 'd', sql: 'SELECT 2 AS two' },
      ],
      'query tool "twice": another query tool has the same name',
    ],
  ])('refuse to start with %s, naming the entry', async (_what, entries, message) => {
    const file = await writeConfig(tmp.dir, 'broken.json', {
      packs: ['@mcp-panther/pack-datalake'],
      queryTools: Array.isArray(entries) ? entries : [entries],
    });
    const run = await runCli(['serve', '--config', file], env());
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\bat \w+ \(/);
  });

  it('a query saved with save_query becomes a tool when the config names it; a broken edit is refused', async () => {
    const config = { packs: ['@mcp-panther/pack-datalake'], policy: { mode: 'read-write' } };
    const file = await writeConfig(tmp.dir, 'watched-queries.json', config);
    const session = await connectStdio(['--config', file, '--watch'], env(panther.tokens.admin));
    try {
      let changes = 0;
      session.client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
        changes += 1;
      });
      await until(
        () => session.stderr().includes('watching the config file for changes'),
        'watch line',
        5_000,
      );
      const saved = await session.client.callTool({
        name: 'save_query',
        arguments: {
          name: 'Sources of one API',
          sql: "SELECT sourceIPAddress, COUNT(*) AS calls FROM panther_logs.public.aws_cloudtrail WHERE eventName = {{event_name}} AND p_occurs_since('30 d') GROUP BY 1",
        },
      });
      expect(saved.isError, textOf(saved)).toBeFalsy();
      const tool = {
        name: 'sources_of_event',
        description: 'Source addresses of one API this month.',
        savedQuery: 'Sources of one API',
        parameters: { event_name: { type: 'string', maxLength: 100 } },
      };
      await writeFile(file, JSON.stringify({ ...config, queryTools: [tool] }));
      await until(() => changes === 1, 'tools/list_changed after adding a query tool', 10_000);
      expect((await session.client.listTools()).tools.map((t) => t.name)).toContain('sources_of_event');
      const called = await session.client.callTool({
        name: 'sources_of_event',
        arguments: { event_name: 'ConsoleLogin' },
      });
      expect((called.structuredContent as { columns: string[] }).columns).toEqual([
        'sourceIPAddress',
        'calls',
      ]);

      await writeFile(
        file,
        JSON.stringify({ ...config, queryTools: [tool, { ...tool, name: 'gone', savedQuery: 'Not saved' }] }),
      );
      await until(() => session.stderr().includes('config change refused'), 'the refusal in the log', 10_000);
      expect(session.stderr()).toContain('query tool \\"gone\\": Panther has no saved query named');
      expect((await session.client.listTools()).tools.map((t) => t.name)).toContain('sources_of_event');
      expect(changes).toBe(1);
    } finally {
      await session.close();
    }
  });
});

// Values chosen to end a literal early, open a comment or a dollar string, call a SYSTEM$ function, run a second
// statement, or expand another placeholder; each must reach Panther as one literal holding exactly the value.
const HOSTILE = [
  "'",
  "x' OR '1'='1",
  "'; DROP TABLE panther_logs.public.aws_cloudtrail; --",
  "' UNION SELECT * FROM panther_logs.public.okta_systemlog --",
  "\\' OR 1=1 --",
  'ends with a backslash \\',
  "' || SYSTEM$ABORT_SESSION() || '",
  "$$ || SYSTEM$CANCEL_ALL_QUERIES() || $$'",
  '/* open comment',
  '*/ -- line comment',
  '\u2019 OR \u20181\u2019=\u20181 \u02bc\uff07\u201c\u201d', // curly and full-width quotes
  '{{number}}',
  "O'Brien\tand\nnew line",
];

/** A Snowflake string literal, written out here independently of the server's routine. */
const literal = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

interface Table {
  query_id: string;
  columns: string[];
  rows: unknown[][];
  same_in_every_row?: Record<string, unknown>;
}

/** The one row of a result as a record (a compact table may move a one-row table's values to same_in_every_row). */
function onlyRow(table: Table): Record<string, unknown> {
  expect(table.rows.length).toBeLessThanOrEqual(1);
  const row = Object.fromEntries(table.columns.map((c, i) => [c, table.rows[0]?.[i]]));
  return { ...row, ...table.same_in_every_row };
}

describe('hostile arguments to query tools', () => {
  const TOOLS = [
    {
      name: 'echo_value',
      description: 'Returns its arguments as SQL reads them.',
      sql: 'SELECT {{value}} AS echoed, {{number}} AS n, {{window}} AS seconds',
      parameters: {
        value: { type: 'string', maxLength: 1_000 },
        number: { type: 'integer', minimum: -10, maximum: 10, default: 0 },
        window: { type: 'window', values: ['1h', '24h'], default: '1h' },
      },
    },
    {
      name: 'calls_of_events',
      description: 'CloudTrail calls of some APIs this month.',
      sql: "SELECT COUNT(*) AS calls FROM panther_logs.public.aws_cloudtrail WHERE eventName IN ({{names}}) AND p_occurs_since('30 d')",
      parameters: { names: { type: 'list', items: { maxLength: 200 }, maxItems: 20 } },
    },
  ];

  const sqlOf = (queryId: string) => ranSql(panther, queryId);
  const submitted = () => panther.stats.requestsByRoute['graphql executeDataLakeQuery'] ?? 0;

  it('are bound as literals: the SQL that reached the sandbox holds each value once, and the rows give it back', async () => {
    const file = await writeConfig(tmp.dir, 'hostile.json', {
      packs: ['@mcp-panther/pack-datalake'],
      queryTools: TOOLS,
    });
    const session = await connectStdio(['--config', file], env());
    try {
      const call = async (name: string, args: Record<string, unknown>) => {
        const result = await session.client.callTool({ name, arguments: args });
        expect(result.isError, `${name} ${JSON.stringify(args)}: ${textOf(result)}`).toBeFalsy();
        return result.structuredContent as unknown as Table;
      };
      for (const value of HOSTILE) {
        const echoed = await call('echo_value', { value, number: -3 });
        expect(onlyRow(echoed), JSON.stringify(value)).toEqual({ echoed: value, n: -3, seconds: 3600 });
        expect(await sqlOf(echoed.query_id)).toBe(
          `SELECT ${literal(value)} AS echoed, (-3) AS n, 3600 AS seconds`,
        );
      }
      // Arguments the tool does not declare are dropped: they cannot reach the SQL.
      const extra = await call('echo_value', { value: 'x', sql: 'DELETE FROM t', database: 'other.db' });
      expect(await sqlOf(extra.query_id)).toBe(`SELECT 'x' AS echoed, 0 AS n, 3600 AS seconds`);
      const counted = await call('calls_of_events', { names: [...HOSTILE, 'ConsoleLogin'] });
      expect(await sqlOf(counted.query_id)).toBe(
        `SELECT COUNT(*) AS calls FROM panther_logs.public.aws_cloudtrail WHERE eventName IN (${[...HOSTILE, 'ConsoleLogin'].map(literal).join(', ')}) AND p_occurs_since('30 d')`,
      );
      const consoleLogins = await call('calls_of_events', { names: ['ConsoleLogin'] });
      // The hostile names match no event: the count is that of ConsoleLogin alone.
      expect(onlyRow(counted)['calls']).toBe(onlyRow(consoleLogins)['calls']);
      expect(onlyRow(consoleLogins)['calls']).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  });

  it('refuse wrong types and over-long values, naming the argument, before anything reaches the sandbox', async () => {
    const file = await writeConfig(tmp.dir, 'hostile.json', {
      packs: ['@mcp-panther/pack-datalake'],
      queryTools: TOOLS,
    });
    const session = await connectStdio(['--config', file], env());
    const refusals: [string, string, Record<string, unknown>, string][] = [
      ['a 100 KB string', 'echo_value', { value: 'x'.repeat(100_000) }, 'value'],
      ['a number for a string', 'echo_value', { value: 42 }, 'value'],
      ['null for a string', 'echo_value', { value: null }, 'value'],
      ['a NUL in a string', 'echo_value', { value: "a\u0000' OR 1=1" }, 'value'],
      ['SQL for an integer', 'echo_value', { value: 'x', number: '1; DROP TABLE t' }, 'number'],
      ['a fraction for an integer', 'echo_value', { value: 'x', number: 2.5 }, 'number'],
      ['an integer out of bounds', 'echo_value', { value: 'x', number: 11 }, 'number'],
      ['a window outside the set', 'echo_value', { value: 'x', window: '7d' }, 'window'],
      ['seconds for a window', 'echo_value', { value: 'x', window: 86_400 }, 'window'],
      ['a string for a list', 'calls_of_events', { names: "ConsoleLogin') OR ('1'='1" }, 'names'],
      ['numbers in a list', 'calls_of_events', { names: [1, 2] }, 'names'],
      [
        'too many items',
        'calls_of_events',
        { names: Array.from({ length: 21 }, (_, i) => `e${i}`) },
        'names',
      ],
      ['an over-long item', 'calls_of_events', { names: ['x'.repeat(201)] }, 'names'],
      ['an empty list', 'calls_of_events', { names: [] }, 'names'],
    ];
    try {
      const before = submitted();
      for (const [what, tool, args, argument] of refusals) {
        const result = await session.client.callTool({ name: tool, arguments: args });
        expect(result.isError, what).toBe(true);
        expect(textOf(result), what).toMatch(new RegExp(`: ${argument}\\b`));
        expect(textOf(result), what).not.toMatch(/internal error|\bat \w+ \(/i);
      }
      expect(submitted()).toBe(before);
      // A value of the wrong type is told so, and only so.
      const listAsString = await session.client.callTool({
        name: 'calls_of_events',
        arguments: { names: "ConsoleLogin') OR ('1'='1" },
      });
      expect(textOf(listAsString)).toBe(
        `Invalid arguments for calls_of_events: names must be an array (got "ConsoleLogin') OR ('1'='1")`,
      );
    } finally {
      await session.close();
    }
  });
});
