import { isMcpHostError } from '@mcp-panther/core';
import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { decodeCursor } from '../support/cursor.js';
import { operations, queryState } from '../testdata/helpers.js';
import queryDataLake from './query-data-lake.js';

const CT = 'panther_logs.public.aws_cloudtrail';
const SQL = `SELECT eventName FROM ${CT} WHERE p_occurs_since('1 d')`;
const ROWS = [{ eventName: 'ConsoleLogin' }, { eventName: 'GetObject' }];

type Graphql = Extract<FakeCall, { kind: 'graphql' }>;

/** A Panther that runs each query for `runningPolls` status reads, then succeeds with two rows of 5. */
function lake(runningPolls = 1) {
  let polls = 0;
  return createFakeClient((call) => {
    const { operation, variables } = call as Graphql;
    if (operation === 'ExecuteDataLakeQuery') return { executeDataLakeQuery: { id: 'q-1' } };
    if (operation === 'CancelDataLakeQuery') return { cancelDataLakeQuery: { id: 'q-1' } };
    if (operation === 'GetDataLakeQuery') {
      polls++;
      if (polls <= runningPolls) return queryState(String(variables['id']), 'running');
      const cursor = (variables['resultsInput'] as { cursor?: string }).cursor;
      return queryState(String(variables['id']), 'succeeded', {
        rows: cursor ? [{ eventName: 'AssumeRole' }] : ROWS,
        hasNextPage: !cursor,
        endCursor: cursor ? null : 'page-2',
        rowCount: 5,
      });
    }
    throw new Error(`unexpected ${operation}`);
  });
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('query_data_lake', () => {
  it('submits, polls, reports progress and returns columns, rows, total and a next cursor', async () => {
    const fake = lake(1);
    const { signal } = new AbortController();
    const progress: { progress: number; total?: number | undefined; message?: string | undefined }[] = [];
    const result = await runTool(
      queryDataLake,
      { sql: SQL, max_rows: 2 },
      {
        client: fake.client,
        signal,
        onProgress: (value, total, message) => progress.push({ progress: value, total, message }),
      },
    );

    expect(operations(fake)).toEqual(['ExecuteDataLakeQuery', 'GetDataLakeQuery', 'GetDataLakeQuery']);
    const [submit, poll] = fake.calls as Graphql[];
    expect(submit?.variables).toEqual({ input: { sql: SQL, databaseName: 'panther_logs.public' } });
    expect(submit?.options).toMatchObject({ kind: 'mutation', signal });
    expect(poll?.variables).toEqual({ id: 'q-1', resultsInput: { pageSize: 2 } });
    expect(poll?.options).toMatchObject({ kind: 'query', cacheKind: 'none', signal });

    expect(result).toEqual({
      query_id: 'q-1',
      columns: ['eventName'],
      rows: [['ConsoleLogin'], ['GetObject']],
      total_rows: 5,
      next_cursor: expect.any(String),
      note: 'More rows: call again with cursor=next_cursor (the query is not run again).',
      stats: { bytes_scanned: 1024, execution_time_ms: 12 },
    });
    expect(decodeCursor(String(result['next_cursor']))).toEqual({
      queryId: 'q-1',
      cursor: 'page-2',
      offset: 2,
    });
    expect(progress[0]).toEqual({ progress: 0, total: undefined, message: 'Submitted query q-1' });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[1]?.progress).toBeGreaterThan(0);
    expect(progress[1]?.message).toMatch(/^Query q-1 running for \d+ s$/);
  });

  it('reads the next page from the same query id without running the SQL again', async () => {
    const first = lake(0);
    const page1 = await runTool(queryDataLake, { sql: SQL, max_rows: 2 }, first);

    const fake = lake(0);
    const page2 = await runTool(queryDataLake, { cursor: page1['next_cursor'], max_rows: 2 }, fake);
    expect(operations(fake)).toEqual(['GetDataLakeQuery']);
    expect((fake.calls[0] as Graphql).variables).toEqual({
      id: 'q-1',
      resultsInput: { pageSize: 2, cursor: 'page-2' },
    });
    expect(page2).toMatchObject({ query_id: 'q-1', columns: ['eventName'], rows: [['AssumeRole']] });
    expect(page2).not.toHaveProperty('next_cursor');
    expect(page2['note']).toBeUndefined();
  });

  it('ignores sql when paging, and reads a query by query_id alone', async () => {
    const fake = lake(0);
    const result = await runTool(queryDataLake, { sql: 'DROP TABLE x', query_id: 'q-1' }, fake);
    expect(operations(fake)).toEqual(['GetDataLakeQuery']);
    expect(result['rows']).toEqual([['ConsoleLogin'], ['GetObject']]);
  });

  it('refuses a cursor that belongs to another query id', async () => {
    const page1 = await runTool(queryDataLake, { sql: SQL, max_rows: 2 }, lake(0));
    const fake = lake(0);
    const error = await refusal(
      runTool(queryDataLake, { cursor: page1['next_cursor'], query_id: 'q-2' }, fake),
    );
    expect(error.message).toContain('belongs to query q-1');
    expect(fake.calls).toHaveLength(0);
  });

  it.each([
    ['SELECT 1; DROP TABLE t', 'second statement (DROP)'],
    ['DELETE FROM panther_logs.public.aws_cloudtrail', 'DELETE changes data'],
    [`SELECT * FROM ${CT}`, 'without a time filter'],
    ['SELECT * FROM aws_cloudtrail', 'without a time filter'],
  ])('sends nothing for refused SQL: %s', async (sql, words) => {
    const fake = lake();
    const error = await refusal(runTool(queryDataLake, { sql }, fake));
    expect(isMcpHostError(error) && error.code === 'USER_INPUT').toBe(true);
    expect(error.message).toContain('Invalid argument "sql"');
    expect(error.message).toContain(words);
    expect(fake.calls).toHaveLength(0);
  });

  it('asks for sql when neither sql nor a cursor is given', async () => {
    const fake = lake();
    const error = await refusal(runTool(queryDataLake, {}, fake));
    expect(error.message).toContain('"sql": is required');
    expect(fake.calls).toHaveLength(0);
  });

  it('sends reserved-word columns quoted and says so', async () => {
    const fake = lake(0);
    const result = await runTool(
      queryDataLake,
      { sql: "SELECT account, action FROM aws_vpcflow WHERE action = 'DELETE' AND p_occurs_since('1 h')" },
      fake,
    );
    expect(((fake.calls[0] as Graphql).variables['input'] as { sql: string }).sql).toBe(
      `SELECT "account", action FROM aws_vpcflow WHERE action = 'DELETE' AND p_occurs_since('1 h')`,
    );
    expect(result['quoted_identifiers']).toEqual(['"account"']);
  });

  it('cancels the Panther query when the MCP request is aborted', async () => {
    const fake = lake(Number.POSITIVE_INFINITY);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 400);
    const error = await refusal(
      runTool(queryDataLake, { sql: SQL }, { client: fake.client, signal: abort.signal }),
    );
    expect(error.message).toBe(
      'The request was cancelled by the client, so query q-1 was cancelled in Panther.',
    );
    const cancel = fake.calls.find((c) => (c as Graphql).operation === 'CancelDataLakeQuery') as Graphql;
    expect(cancel.variables).toEqual({ input: { id: 'q-1' } });
    expect(cancel.options?.signal?.aborted).toBe(false);
    expect(operations(fake).at(-1)).toBe('CancelDataLakeQuery');
  });

  it('cancels the Panther query on timeout and says why', async () => {
    const fake = lake(Number.POSITIVE_INFINITY);
    const started = Date.now();
    const error = await refusal(runTool(queryDataLake, { sql: SQL, timeout: 1 }, fake));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(error.message).toContain(
      'Query q-1 ran longer than the 1 s timeout, so it was cancelled in Panther',
    );
    expect(operations(fake).filter((op) => op === 'CancelDataLakeQuery')).toHaveLength(1);
  });

  it('does not cancel a query it did not submit when waiting for it times out', async () => {
    const fake = lake(Number.POSITIVE_INFINITY);
    const error = await refusal(runTool(queryDataLake, { query_id: 'q-9', timeout: 1 }, fake));
    expect(error.message).toContain('still running after 1 s');
    expect(operations(fake)).not.toContain('CancelDataLakeQuery');
  });

  it("reports Panther's error when the query fails", async () => {
    const fake = createFakeClient((call) =>
      (call as Graphql).operation === 'ExecuteDataLakeQuery'
        ? { executeDataLakeQuery: { id: 'q-3' } }
        : queryState('q-3', 'failed', undefined, "SQL compilation error: invalid identifier 'FOO'"),
    );
    const error = await refusal(runTool(queryDataLake, { sql: SQL }, fake));
    expect(error.message).toBe(
      `Invalid argument "sql": Panther could not run query q-3: SQL compilation error: invalid identifier 'FOO'`,
    );
  });

  it('passes the chosen database to the guard and to Panther', async () => {
    const fake = lake(0);
    await runTool(
      queryDataLake,
      { sql: 'SELECT * FROM ipinfo_location', database_name: 'panther_lookups.public' },
      fake,
    );
    expect((fake.calls[0] as Graphql).variables['input']).toEqual({
      sql: 'SELECT * FROM ipinfo_location',
      databaseName: 'panther_lookups.public',
    });
  });

  it('validates bounds in the schema', () => {
    expect(queryDataLake.input.safeParse({ sql: 'SELECT 1', max_rows: 1000 }).success).toBe(false);
    expect(queryDataLake.input.safeParse({ sql: 'SELECT 1', timeout: 301 }).success).toBe(false);
    expect(queryDataLake.input.safeParse({ sql: 'SELECT 1', database_name: 'a; DROP' }).success).toBe(false);
    expect(queryDataLake.input.parse({ sql: 'SELECT 1' })).toEqual({
      sql: 'SELECT 1',
      database_name: 'panther_logs.public',
      timeout: 30,
      max_rows: 100,
    });
  });
});
