import { PantherApiError } from '@mcp-panther/core';
import {
  assertPackConventions,
  createFakeClient,
  createOwnerRecords,
  type FakeCall,
  runTool,
  toolListEntry,
} from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { queryState } from '../testdata/helpers.js';
import { buildQueriesPack, QueryToolsError } from './pack.js';
import { type QueryToolEntry, queryToolSchema } from './section.js';

const SAVED_ID = '3f0c9f6e-5a7b-4c1d-9e2f-0a1b2c3d4e5f';
const SAVED = [
  {
    id: SAVED_ID,
    name: 'Console logins by user',
    sql: "SELECT p_event_time, eventName FROM panther_logs.public.aws_cloudtrail WHERE eventName = 'ConsoleLogin' AND userIdentity:userName = {{user}} AND p_occurs_since('7 d')",
  },
  {
    id: 'a0000000-0000-4000-8000-000000000001',
    name: 'Drop it',
    sql: 'DELETE FROM panther_logs.public.aws_cloudtrail',
  },
];

const entry = (fields: Record<string, unknown>): QueryToolEntry => queryToolSchema.parse(fields);

const FAILED_LOGINS = entry({
  name: 'failed_logins_for_user',
  description: 'Failed Okta logins of one user in a recent window.',
  sql:
    'SELECT p_event_time, actor:alternateId AS actor FROM panther_logs.public.okta_systemlog ' +
    "WHERE outcome:result = 'FAILURE' AND actor:alternateId = {{user}} " +
    'AND p_event_time >= DATEADD(second, -{{window}}, CURRENT_TIMESTAMP()) LIMIT {{limit}}',
  parameters: {
    user: { type: 'string', description: 'login email', maxLength: 200 },
    window: { type: 'window', values: ['1h', '24h', '7d'], default: '24h' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
});
const BY_IPS = entry({
  name: 'events_from_ips',
  description: 'CloudTrail events from any of some IP addresses today.',
  sql: "SELECT eventName FROM panther_logs.public.aws_cloudtrail WHERE sourceIPAddress IN ({{ips}}) AND p_occurs_since('1 d')",
  parameters: { ips: { type: 'list', items: { maxLength: 45, pattern: '[0-9a-fA-F.:]+' }, maxItems: 20 } },
});
const SAVED_BY_NAME = entry({
  name: 'console_logins',
  description: 'Console logins of one user this week.',
  savedQuery: 'Console logins by user',
  parameters: { user: { type: 'string', maxLength: 100 } },
});

/** A Panther with the saved queries and one data lake query, q-1, that ran `recordedSql`. */
function panther(recordedSql = 'SELECT 1') {
  return createFakeClient((call: FakeCall) => {
    if (call.kind === 'rest') {
      if (call.request.path === '/queries') return { results: SAVED, next: null };
      const found = SAVED.find((q) => call.request.path === `/queries/${q.id}`);
      if (found) return found;
      throw new PantherApiError('NOT_FOUND', 'not found', { status: 404 });
    }
    if (call.operation === 'ExecuteDataLakeQuery') return { executeDataLakeQuery: { id: 'q-1' } };
    if (call.operation === 'GetDataLakeQuerySql') return { dataLakeQuery: { id: 'q-1', sql: recordedSql } };
    return queryState('q-1', 'succeeded', { rows: [{ n: 1 }] });
  });
}

async function buildError(entries: QueryToolEntry[]): Promise<string> {
  try {
    await buildQueriesPack(entries, panther().client);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryToolsError);
    return (error as Error).message;
  }
  throw new Error('the pack was built');
}

describe('buildQueriesPack', () => {
  it('builds one read tool per entry, with typed, bounded parameters', async () => {
    const fake = panther();
    const pack = await buildQueriesPack([FAILED_LOGINS, BY_IPS, SAVED_BY_NAME], fake.client);
    assertPackConventions(pack);
    expect(pack.id).toBe('queries');
    expect(pack.tools.map((t) => [t.name, t.access, t.permissions, t.title])).toEqual([
      ['failed_logins_for_user', 'read', ['DataAnalyticsRead'], 'Failed logins for user'],
      ['events_from_ips', 'read', ['DataAnalyticsRead'], 'Events from ips'],
      ['console_logins', 'read', ['DataAnalyticsRead'], 'Console logins'],
    ]);
    const schema = toolListEntry(pack.tools[0]!).inputSchema as {
      properties: Record<string, Record<string, unknown>>;
      required?: string[];
    };
    expect(schema.properties['user']).toMatchObject({
      type: 'string',
      maxLength: 200,
      description: 'login email',
    });
    expect(schema.properties['window']).toMatchObject({ enum: ['1h', '24h', '7d'], default: '24h' });
    expect(schema.properties['limit']).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 500,
      default: 50,
    });
    expect(schema.required).toEqual(['user']);
    const ips = toolListEntry(pack.tools[1]!).inputSchema as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(ips.properties['ips']).toMatchObject({ type: 'array', minItems: 1, maxItems: 20 });
    // The saved query was found by name in one listing, not read again.
    expect(fake.restCalls().map((r) => r.path)).toEqual(['/queries']);
  });

  it('binds the arguments as literals and sends the guarded SQL', async () => {
    const fake = panther();
    const [tool] = (await buildQueriesPack([FAILED_LOGINS], fake.client)).tools;
    const result = await runTool(tool!, { user: "x' OR '1'='1", window: '7d', limit: 5 }, fake);
    expect(result).toMatchObject({ query_id: 'q-1', columns: ['n'], rows: [[1]] });
    const sent = fake.graphqlCalls().find((c) => c.operation === 'ExecuteDataLakeQuery')?.variables;
    expect(sent).toEqual({
      input: {
        databaseName: 'panther_logs.public',
        sql:
          'SELECT p_event_time, actor:alternateId AS actor FROM panther_logs.public.okta_systemlog ' +
          "WHERE outcome:result = 'FAILURE' AND actor:alternateId = 'x'' OR ''1''=''1' " +
          'AND p_event_time >= DATEADD(second, -604800, CURRENT_TIMESTAMP()) LIMIT 5',
      },
    });
  });

  it('refuses a cursor of another query before reading any page', async () => {
    const fake = panther();
    const [tool] = (await buildQueriesPack([BY_IPS], fake.client)).tools;
    await expect(runTool(tool!, { ips: ['10.0.0.1'], query_id: 'q-1' }, fake)).rejects.toThrow(
      'Invalid argument "query_id": belongs to another query',
    );
    expect(fake.graphqlCalls().map((c) => c.operation)).toEqual(['GetDataLakeQuerySql']);
  });

  it('refuses another caller’s run by query_id before reading its SQL, and serves the caller that ran it', async () => {
    const ownerRecords = createOwnerRecords();
    const ann = { id: 'u-ann', name: 'ann', credential: 'oauth' } as const;
    const bob = { id: 'u-bob', name: 'bob', credential: 'oauth' } as const;
    const [tool] = (await buildQueriesPack([BY_IPS], panther().client)).tools;
    const args = { ips: ['10.0.0.1'] };
    const first = panther();
    const started = await runTool(tool!, args, { client: first.client, caller: ann, ownerRecords });
    expect(started).toMatchObject({ query_id: 'q-1' });
    const sent = first.graphqlCalls().find((c) => c.operation === 'ExecuteDataLakeQuery')?.variables;
    const ran = (sent as { input: { sql: string } }).input.sql;
    const bobs = panther();
    await expect(
      runTool(tool!, { ...args, query_id: 'q-1' }, { client: bobs.client, caller: bob, ownerRecords }),
    ).rejects.toThrow(
      'Invalid argument "query_id": query q-1 is not one of your queries; call events_from_ips without query_id and cursor to run it yourself.',
    );
    expect(bobs.graphqlCalls()).toEqual([]);
    const anns = panther(ran);
    await expect(
      runTool(tool!, { ...args, query_id: 'q-1' }, { client: anns.client, caller: ann, ownerRecords }),
    ).resolves.toMatchObject({ query_id: 'q-1' });
  });

  it.each([
    [
      'an unknown placeholder',
      { sql: 'SELECT * FROM t WHERE a = {{who}}', parameters: {} },
      'the SQL uses {{who}}, which is not a declared parameter (declared: none)',
    ],
    [
      'a declared parameter the SQL does not use',
      { sql: 'SELECT 1', parameters: { who: { type: 'string' } } },
      'parameter "who" is declared but the SQL has no {{who}}',
    ],
    [
      'SQL the guard refuses',
      {
        sql: 'SELECT * FROM panther_logs.public.aws_cloudtrail WHERE eventName = {{e}}',
        parameters: { e: { type: 'string' } },
      },
      'the SQL is not accepted by the data lake SQL guard: The query reads panther_logs.public.aws_cloudtrail without a time filter',
    ],
    [
      'a statement that writes',
      { sql: 'DELETE FROM t WHERE a = {{a}}', parameters: { a: { type: 'string' } } },
      'DELETE changes data',
    ],
    [
      'a placeholder in a string',
      { sql: "SELECT * FROM t WHERE a = '{{a}}'", parameters: { a: { type: 'string' } } },
      "is inside a string: a placeholder stands alone in the SQL (write {{name}}, not '{{name}}'",
    ],
    [
      'a list outside parentheses',
      { sql: 'SELECT * FROM t WHERE a = {{a}}', parameters: { a: { type: 'list' } } },
      'list parameter {{a}} at position 26 must stand alone in parentheses, as in IN ({{a}})',
    ],
    [
      'a reserved parameter name',
      { sql: 'SELECT {{cursor}}', parameters: { cursor: { type: 'string' } } },
      'parameter "cursor" is reserved',
    ],
    [
      'a default outside the bounds',
      { sql: 'SELECT {{n}}', parameters: { n: { type: 'integer', minimum: 1, maximum: 10, default: 11 } } },
      'parameter "n": default 11 is outside 1..10',
    ],
    [
      'a default that breaks its own pattern',
      { sql: 'SELECT {{s}}', parameters: { s: { type: 'string', pattern: '[a-z]+', default: 'ABC' } } },
      'parameter "s": default "ABC" must match [a-z]+',
    ],
    [
      'a list that could make the SQL too long',
      {
        sql: 'SELECT 1 WHERE 1 IN ({{l}})',
        parameters: { l: { type: 'list', items: { maxLength: 10_000 }, maxItems: 1000 } },
      },
      'with the longest values its parameters allow, the SQL could reach',
    ],
  ])('refuses %s, naming the tool', async (_what, fields, message) => {
    const text = await buildError([entry({ name: 'broken_tool', description: 'd', ...fields })]);
    expect(text).toContain('A query tool in queryTools cannot be built:\n    - query tool "broken_tool": ');
    expect(text).toContain(message);
  });

  it('refuses a missing saved query and one that is not read-only, naming each entry', async () => {
    const text = await buildError([
      entry({ name: 'gone', description: 'd', savedQuery: 'No such query' }),
      entry({ name: 'gone_by_id', description: 'd', savedQuery: 'b0000000-0000-4000-8000-000000000002' }),
      entry({ name: 'drops', description: 'd', savedQuery: 'Drop it' }),
      FAILED_LOGINS,
    ]);
    expect(text).toContain('3 query tools in queryTools cannot be built:');
    expect(text).toContain('query tool "gone": Panther has no saved query named "No such query"');
    expect(text).toContain(
      'query tool "gone_by_id": Panther has no saved query with id b0000000-0000-4000-8000-000000000002',
    );
    expect(text).toContain(
      'query tool "drops": saved query "Drop it" is not accepted by the data lake SQL guard: DELETE',
    );
    expect(text).not.toContain('failed_logins_for_user');
  });

  it('refuses two entries with one name', async () => {
    expect(await buildError([FAILED_LOGINS, FAILED_LOGINS])).toContain(
      'query tool "failed_logins_for_user": another query tool has the same name',
    );
  });

  it('reads a saved query by id', async () => {
    const fake = panther();
    const pack = await buildQueriesPack(
      [
        entry({
          name: 'by_id',
          description: 'd',
          savedQuery: SAVED_ID,
          parameters: { user: { type: 'string' } },
        }),
      ],
      fake.client,
    );
    expect(pack.tools.map((t) => t.name)).toEqual(['by_id']);
    expect(fake.restCalls().map((r) => r.path)).toEqual([`/queries/${SAVED_ID}`]);
  });
});

describe('the queryTools section', () => {
  it.each([
    [{ name: 'x', description: 'd' }, 'give either sql or savedQuery'],
    [{ name: 'x', description: 'd', sql: 'SELECT 1', savedQuery: 'q' }, 'give either sql or savedQuery'],
    [{ name: 'Bad-Name', description: 'd', sql: 'SELECT 1' }, 'must be snake_case'],
    [
      { name: 'x', description: 'd', sql: 'SELECT {{a}}', parameters: { a: { type: 'integer' } } },
      'expected number',
    ],
    [
      { name: 'x', description: 'd', sql: 'SELECT {{a}}', parameters: { a: { type: 'float' } } },
      "Expected 'string' | 'integer' | 'window' | 'list'",
    ],
    [
      { name: 'x', description: 'd', sql: 'S', parameters: { a: { type: 'string', pattern: '(' } } },
      'valid regular expression',
    ],
    [
      { name: 'x', description: 'd', sql: 'S', parameters: { a: { type: 'window', values: ['5m'] } } },
      'Invalid option',
    ],
  ])('refuses %j', (fields, message) => {
    const parsed = queryToolSchema.safeParse(fields);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(message);
  });
});
