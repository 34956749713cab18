import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../testing/harness.js';

let sb: TestSandbox;
// biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON
type Json = any;

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});

const EXECUTE = `mutation($sql: String!, $db: String) { executeDataLakeQuery(input: {sql: $sql, databaseName: $db}) { id } }`;
const POLL = `query($id: ID!, $input: DataLakeQueryResultsInput) {
  dataLakeQuery(id: $id, root: false) { id status message sql startedAt completedAt
    results(input: $input) { edges { node } pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
      columnInfo { order types } stats { bytesScanned executionTime rowCount } } } }`;

async function start(sql: string, db: string | null = 'panther_logs.public'): Promise<string> {
  const answer = await sb.gql<Json>(EXECUTE, { sql, db });
  expect(answer.errors).toBeUndefined();
  return answer.data.executeDataLakeQuery.id;
}

async function waitFor(id: string, input: Json = { pageSize: 999 }): Promise<Json> {
  for (let i = 0; i < 200; i++) {
    const answer = await sb.gql<Json>(POLL, { id, input });
    expect(answer.errors).toBeUndefined();
    const query = answer.data.dataLakeQuery;
    if (query.status !== 'running') return query;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('query did not finish');
}

async function run(sql: string, db: string | null = 'panther_logs.public'): Promise<Json> {
  return waitFor(await start(sql, db));
}

describe('GraphQL transport', () => {
  it('supports introspection', async () => {
    const answer = await sb.gql<Json>('{ __schema { queryType { name } types { name } } }');
    expect(answer.data.__schema.queryType.name).toBe('Query');
    expect(answer.data.__schema.types.map((t: Json) => t.name)).toContain('AIInferenceStreamsMetadataInput');
  });

  it('reports validation and parse errors with codes', async () => {
    const invalid = await sb.gql('{ noSuchField }');
    expect(invalid.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const broken = await sb.gql('{ dataLakeDatabases { name ');
    expect(broken.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses tokens without DataAnalyticsRead', async () => {
    const answer = await sb.gql('{ dataLakeDatabases { name } }', {}, 'noAccess');
    expect(answer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(answer.errors![0]!.message).toContain('DataAnalyticsRead');
    expect(answer.errors![0]!.path).toEqual(['dataLakeDatabases']);
  });
});

describe('data lake queries', () => {
  it('runs a query with a time macro and returns typed columns', async () => {
    const query = await run(
      "SELECT count(*) AS n, max(p_event_time) AS latest FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('7 d')",
    );
    expect(query.status).toBe('succeeded');
    expect(query.completedAt).not.toBeNull();
    const row = query.results.edges[0].node;
    expect(typeof row.n).toBe('number');
    expect(row.n).toBeGreaterThan(100);
    expect(row.latest).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(query.results.columnInfo).toEqual({
      order: ['n', 'latest'],
      types: { n: 'number', latest: 'timestamp' },
    });
    expect(query.results.stats.rowCount).toBe(1);
    expect(query.results.stats.bytesScanned).toBeGreaterThan(0);
  });

  it('resolves bare table names against databaseName and translates Snowflake paths', async () => {
    const query = await run(
      `SELECT userIdentity:type AS identity_type, count(*) AS n FROM aws_cloudtrail
       WHERE p_occurs_since('14 days') AND ARRAY_CONTAINS(recipientAccountId::VARIANT, p_any_aws_account_ids)
       GROUP BY 1 ORDER BY 1`,
    );
    expect(query.status).toBe('succeeded');
    expect(query.results.edges.map((e: Json) => e.node.identity_type)).toEqual(['AssumedRole', 'IAMUser']);
    const signals = await run(
      "SELECT p_alert_id, p_rule_id, p_any_ip_addresses FROM correlation_signals WHERE p_occurs_since('14 d') LIMIT 5",
      'panther_signals',
    );
    expect(signals.status).toBe('succeeded');
    expect(signals.results.edges.length).toBeGreaterThan(0);
    expect(Array.isArray(signals.results.edges[0].node.p_any_ip_addresses)).toBe(true);
  });

  it('returns VARIANT columns as objects and reads lookups without a time filter', async () => {
    const query = await run(
      "SELECT requestParameters FROM aws_cloudtrail WHERE eventName = 'AttachUserPolicy' AND p_occurs_since('14 d') LIMIT 1",
    );
    expect(query.results.edges[0].node.requestParameters.policyArn).toContain('AdministratorAccess');
    const lookup = await run(
      "SELECT name FROM panther_lookups.public.ipinfo_asn WHERE network = '192.0.2.0/24'",
    );
    expect(lookup.results.edges[0].node.name).toBe('Shady Hosting LLC');
  });

  it('fails bad SQL with the engine message', async () => {
    const query = await run('SELECT * FROM no_such_table');
    expect(query.status).toBe('failed');
    expect(query.message).toMatch(/no_such_table/);
    expect(query.message).toMatch(/Catalog Error/);
    expect(query.results).toBeNull();
  });

  it('allows only one SELECT and no file access', async () => {
    expect((await run('DELETE FROM aws_cloudtrail')).message).toMatch(/Only SELECT/);
    expect((await run('SELECT 1; SELECT 2')).message).toMatch(/one SQL statement/);
    const file = await run("SELECT * FROM read_csv('/etc/passwd')");
    expect(file.status).toBe('failed');
    expect(file.message).toMatch(/disabled|Permission|not allowed/i);
    expect((await run("SELECT p_occurs_since('soon')")).message).toMatch(/invalid offset/);
  });

  it('refuses an unknown database at once', async () => {
    const answer = await sb.gql<Json>(EXECUTE, { sql: 'SELECT 1', db: 'nope' });
    expect(answer.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.message).toContain('panther_logs.public');
  });

  it('pages results from one execution', async () => {
    const before = sb.stats.dataLakeExecutions;
    const id = await start('SELECT range AS n FROM range(2500) ORDER BY n');
    const first = await waitFor(id, { pageSize: 999 });
    expect(first.results.edges).toHaveLength(999);
    expect(first.results.pageInfo.hasNextPage).toBe(true);
    expect(first.results.stats.rowCount).toBe(2500);
    const second = await waitFor(id, { pageSize: 999, cursor: first.results.pageInfo.endCursor });
    expect(second.results.edges[0].node.n).toBe(999);
    expect(second.results.pageInfo.hasPreviousPage).toBe(true);
    const third = await waitFor(id, { pageSize: 999, cursor: second.results.pageInfo.endCursor });
    expect(third.results.edges).toHaveLength(502);
    expect(third.results.pageInfo.hasNextPage).toBe(false);
    expect(third.results.pageInfo.endCursor).toBeNull();
    expect(sb.stats.dataLakeExecutions - before).toBe(1);
    const tooBig = await sb.gql(POLL, { id, input: { pageSize: 1000 } });
    expect(tooBig.errors![0]!.message).toMatch(/pageSize/);
  });

  it('cancels a sleeping query, and refuses to cancel a finished one', async () => {
    const cancelled = sb.stats.cancelledQueries;
    const id = await start('/* sandbox:sleep=10000 */ SELECT 1 AS x');
    const running = await sb.gql<Json>(POLL, { id });
    expect(running.data.dataLakeQuery.status).toBe('running');
    expect(running.data.dataLakeQuery.results).toBeNull();
    const cancel = await sb.gql<Json>('mutation($id: ID!) { cancelDataLakeQuery(input: {id: $id}) { id } }', {
      id,
    });
    expect(cancel.data.cancelDataLakeQuery.id).toBe(id);
    const after = await waitFor(id);
    expect(after.status).toBe('cancelled');
    expect(sb.stats.cancelledQueries).toBe(cancelled + 1);
    const again = await sb.gql('mutation($id: ID!) { cancelDataLakeQuery(input: {id: $id}) { id } }', { id });
    expect(again.errors![0]!.message).toMatch(/cannot be cancelled/);
    const missing = await sb.gql('mutation { cancelDataLakeQuery(input: {id: "nope"}) { id } }');
    expect(missing.errors![0]!.message).toMatch(/not found/);
  });

  it('interrupts a query that is running in the engine', async () => {
    const before = sb.stats.dataLakeExecutions;
    const id = await start('SELECT count(*) FROM range(2000000000) a, range(1000) b');
    await new Promise((r) => setTimeout(r, 300));
    await sb.gql('mutation($id: ID!) { cancelDataLakeQuery(input: {id: $id}) { id } }', { id });
    const started = Date.now();
    expect((await waitFor(id)).status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(sb.stats.dataLakeExecutions).toBe(before + 1);
    expect((await run('SELECT 42 AS answer')).results.edges[0].node.answer).toBe(42);
  });

  it('lists query history newest first', async () => {
    await run('SELECT 7 AS seven');
    const answer = await sb.gql<Json>(
      '{ dataLakeQueries(input: {contains: "seven", pageSize: 5}) { edges { node { id sql status } } pageInfo { hasNextPage } } }',
    );
    expect(answer.data.dataLakeQueries.edges[0].node.sql).toContain('seven');
  });
});

describe('data lake catalog', () => {
  it('lists databases, pages tables and describes columns', async () => {
    const dbs = await sb.gql<Json>('{ dataLakeDatabases { name description } }');
    const names = dbs.data.dataLakeDatabases.map((d: Json) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['panther_logs.public', 'panther_signals.public', 'panther_views.public']),
    );
    const tables: Json[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await sb.gql<Json>(
        'query($c: String) { dataLakeDatabaseTables(input: {databaseName: "panther_logs.public", pageSize: 2, cursor: $c}) { edges { node { name logType } } pageInfo { hasNextPage endCursor } } }',
        { c: cursor },
      );
      tables.push(...page.data.dataLakeDatabaseTables.edges.map((e: Json) => e.node));
      cursor = page.data.dataLakeDatabaseTables.pageInfo.endCursor;
    } while (cursor !== null);
    expect(tables.map((t) => t.name)).toEqual([
      'aws_cloudtrail',
      'aws_vpcflow',
      'github_audit',
      'okta_systemlog',
    ]);
    for (const tableName of ['aws_cloudtrail', 'AWS.CloudTrail']) {
      const table = await sb.gql<Json>(
        'query($t: String!) { dataLakeDatabaseTable(input: {databaseName: "panther_logs", tableName: $t}) { name logType columns { name type description } } }',
        { t: tableName },
      );
      const columns = table.data.dataLakeDatabaseTable.columns;
      expect(columns.find((c: Json) => c.name === 'p_event_time').type).toBe('TIMESTAMP_NTZ(9)');
      expect(columns.find((c: Json) => c.name === 'userIdentity').type).toBe('VARIANT');
    }
  });
});
