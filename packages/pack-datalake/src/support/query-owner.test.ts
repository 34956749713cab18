/**
 * Query ownership at the pack's depth: two callers of one server share the host's owner records; every way of
 * naming a query (query_id, a next_cursor, Panther's own cursor) is checked before Panther is asked anything.
 */
import { isMcpHostError } from '@mcp-panther/core';
import {
  createFakeClient,
  createOwnerRecords,
  createToolContext,
  type FakeCall,
  type OwnerRecords,
} from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { operations, queryState } from '../testdata/helpers.js';
import { encodeCursor } from './cursor.js';
import { readPage, runQuery } from './query-runner.js';

type Graphql = Extract<FakeCall, { kind: 'graphql' }>;

const ANN = { id: 'u-ann', name: 'ann', credential: 'oauth', profile: 'analyst' } as const;
const BOB = { id: 'u-bob', name: 'bob', credential: 'oauth', profile: 'analyst' } as const;
const PAGE = { timeoutSeconds: 5, pageSize: 1 };

/** A Panther with one finished query, q-1, of two rows (one a page). */
function panther() {
  return createFakeClient((call) => {
    const { operation } = call as Graphql;
    if (operation === 'ExecuteDataLakeQuery') return { executeDataLakeQuery: { id: 'q-1' } };
    return queryState('q-1', 'succeeded', {
      rows: [{ n: 1 }],
      hasNextPage: true,
      endCursor: 'panther-page-2',
      rowCount: 2,
    });
  });
}

async function refusal(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => {
      throw new Error('expected the read to be refused');
    },
    (caught: unknown) => caught,
  );
  if (!isMcpHostError(error)) throw error;
  expect(error.code).toBe('USER_INPUT');
  return error.message;
}

async function annStarts(records: OwnerRecords) {
  const page = await runQuery(
    createToolContext(panther().client, { caller: ANN, ownerRecords: records }),
    'SELECT 1',
    'db',
    PAGE,
  );
  expect(page.next_cursor).toBeDefined();
  return page;
}

describe('data lake query ownership', () => {
  it('refuses another caller the query by id, by next_cursor and by Panther’s cursor, asking Panther nothing', async () => {
    const records = createOwnerRecords();
    const started = await annStarts(records);
    const bobsPanther = panther();
    const asBob = createToolContext(bobsPanther.client, { caller: BOB, ownerRecords: records });
    const expected = 'query q-1 is not one of your queries; start your own with query_data_lake.';
    expect(await refusal(readPage(asBob, { queryId: 'q-1', ...PAGE }))).toBe(
      `Invalid argument "query_id": ${expected}`,
    );
    expect(await refusal(readPage(asBob, { cursor: started.next_cursor, ...PAGE }))).toBe(
      `Invalid argument "cursor": ${expected}`,
    );
    expect(await refusal(readPage(asBob, { queryId: 'q-1', cursor: 'panther-page-2', ...PAGE }))).toContain(
      expected,
    );
    // A cursor made up to name the query, as a caller could write one.
    const forged = encodeCursor({ queryId: 'q-1', cursor: 'panther-page-2', offset: 1 });
    expect(await refusal(readPage(asBob, { cursor: forged, ...PAGE }))).toContain(expected);
    expect(operations(bobsPanther)).toEqual([]);
  });

  it('refuses an id nobody recorded in the same words as another caller’s (its existence is not told)', async () => {
    const records = createOwnerRecords();
    await annStarts(records);
    const asBob = createToolContext(panther().client, { caller: BOB, ownerRecords: records });
    const others = await refusal(readPage(asBob, { queryId: 'q-1', ...PAGE }));
    const nobodys = await refusal(readPage(asBob, { queryId: 'q-404', ...PAGE }));
    expect(nobodys).toBe(others.replace('q-1', 'q-404'));
  });

  it('serves the owner every page of its query', async () => {
    const records = createOwnerRecords();
    const started = await annStarts(records);
    const asAnn = createToolContext(panther().client, { caller: ANN, ownerRecords: records });
    expect(await readPage(asAnn, { cursor: started.next_cursor, ...PAGE })).toMatchObject({
      query_id: 'q-1',
      rows: [[1]],
    });
    expect(await readPage(asAnn, { queryId: 'q-1', ...PAGE })).toMatchObject({ query_id: 'q-1' });
  });

  it('serves the caller’s profile when the policy shares queries within it', async () => {
    const records = createOwnerRecords({ settings: () => ({ sharedWith: 'profile', unrecorded: 'refuse' }) });
    await annStarts(records);
    const asBob = createToolContext(panther().client, { caller: BOB, ownerRecords: records });
    expect(await readPage(asBob, { queryId: 'q-1', ...PAGE })).toMatchObject({ query_id: 'q-1' });
    const responder = { ...BOB, id: 'u-rita', profile: 'responder' };
    const asRita = createToolContext(panther().client, { caller: responder, ownerRecords: records });
    await refusal(readPage(asRita, { queryId: 'q-1', ...PAGE }));
  });

  it('leaves the one caller of a stdio server free to read any query', async () => {
    const fake = panther();
    expect(await readPage(createToolContext(fake.client), { queryId: 'q-1', ...PAGE })).toMatchObject({
      query_id: 'q-1',
    });
    expect(operations(fake)).toEqual(['GetDataLakeQuery']);
  });
});
