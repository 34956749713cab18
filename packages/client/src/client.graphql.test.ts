import { afterEach, describe, expect, it } from 'vitest';
import type { PantherApiError } from './errors.js';
import { clientFor, rejectionOf, TEST_TOKEN } from './testdata/harness.js';
import { type FakeUpstream, startFakeUpstream } from './testing/index.js';
import type { PantherClient } from './types.js';

const LIST_DATABASES = 'query ListDatabases { dataLakeDatabases { name } }';
const CANCEL_QUERY =
  'mutation CancelQuery($input: CancelDataLakeQueryInput!) { cancelDataLakeQuery(input: $input) { id } }';

let upstream: FakeUpstream;
let client: PantherClient;
afterEach(async () => {
  await client?.close();
  await upstream?.close();
});

describe('PantherClient.graphql', () => {
  it('posts the document and variables with the key, and returns data', async () => {
    upstream = await startFakeUpstream(() => ({
      json: { data: { dataLakeDatabases: [{ name: 'panther_logs' }] } },
    }));
    client = clientFor(upstream);
    const data = await client.graphql(LIST_DATABASES, { unused: 1 });
    expect(data).toEqual({ dataLakeDatabases: [{ name: 'panther_logs' }] });
    const [request] = upstream.requests;
    expect(request?.path).toBe('/public/graphql');
    expect(request?.graphql).toEqual({
      query: LIST_DATABASES,
      variables: { unused: 1 },
      operationName: 'ListDatabases',
    });
    expect(request?.headers['x-api-key']).toBe(TEST_TOKEN);
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('surfaces an errors array with its entries', async () => {
    upstream = await startFakeUpstream(() => ({
      json: {
        data: null,
        errors: [
          {
            message: 'Cannot query field "nope" on type "Query".',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
          { message: 'second problem', path: ['nope'] },
        ],
      },
    }));
    client = clientFor(upstream);
    const error = (await rejectionOf(client.graphql('query { nope }'))) as PantherApiError;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.detail).toBe('Cannot query field "nope" on type "Query". (and 1 more)');
    expect(error.message).toContain('Cannot query field "nope"');
    expect(error.graphqlErrors).toEqual([
      {
        message: 'Cannot query field "nope" on type "Query".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
      { message: 'second problem', path: ['nope'] },
    ]);
  });

  it('maps a not-found error', async () => {
    upstream = await startFakeUpstream(() => ({
      json: { data: { alert: null }, errors: [{ message: 'alert abc not found', path: ['alert'] }] },
    }));
    client = clientFor(upstream);
    await expect(client.graphql('query { alert(id: "abc") { id } }')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it.each([
    [401, 'AUTH'],
    [403, 'PERMISSION'],
  ] as const)('maps HTTP %i like REST', async (status, code) => {
    upstream = await startFakeUpstream(() => ({ status, json: { message: 'nope' } }));
    client = clientFor(upstream);
    await expect(client.graphql(LIST_DATABASES)).rejects.toMatchObject({ code, status });
  });

  it('keeps the errors array of a 401 answer', async () => {
    upstream = await startFakeUpstream(() => ({
      status: 401,
      json: { errors: [{ message: 'invalid token' }] },
    }));
    client = clientFor(upstream);
    const error = (await rejectionOf(client.graphql(LIST_DATABASES))) as PantherApiError;
    expect(error).toMatchObject({ code: 'AUTH', status: 401, detail: 'invalid token' });
    expect(error.graphqlErrors).toEqual([{ message: 'invalid token' }]);
  });

  it('fails with UPSTREAM when the answer is not a GraphQL response', async () => {
    upstream = await startFakeUpstream(() => ({
      body: '<html>maintenance</html>',
      headers: { 'Content-Type': 'text/html' },
    }));
    client = clientFor(upstream);
    await expect(client.graphql(LIST_DATABASES)).rejects.toMatchObject({ code: 'UPSTREAM' });
  });

  it('retries a query after a 503 but never a mutation', async () => {
    const seen = new Map<string, number>();
    upstream = await startFakeUpstream((request) => {
      const name = request.graphql?.operationName ?? '';
      seen.set(name, (seen.get(name) ?? 0) + 1);
      return seen.get(name) === 1
        ? { status: 503, json: { message: 'busy' } }
        : { json: { data: { ok: true } } };
    });
    client = clientFor(upstream);
    await expect(client.graphql(CANCEL_QUERY, { input: { id: 'q1' } })).rejects.toMatchObject({
      code: 'UPSTREAM',
      status: 503,
    });
    expect(seen.get('CancelQuery')).toBe(1);
    await expect(client.graphql(LIST_DATABASES)).resolves.toEqual({ ok: true });
    expect(seen.get('ListDatabases')).toBe(2);
    expect(client.stats.retries).toBe(1);
  });

  it('treats a document as a write when told so', async () => {
    upstream = await startFakeUpstream(() => ({ status: 503, json: { message: 'busy' } }));
    client = clientFor(upstream);
    await expect(client.graphql(LIST_DATABASES, {}, { kind: 'mutation' })).rejects.toMatchObject({
      status: 503,
    });
    expect(upstream.requests).toHaveLength(1);
  });

  it('does not cache queries by default but caches them with a cache kind', async () => {
    upstream = await startFakeUpstream(() => ({ json: { data: { n: upstream.requests.length } } }));
    client = clientFor(upstream);
    await client.graphql(LIST_DATABASES);
    await client.graphql(LIST_DATABASES);
    expect(upstream.requests).toHaveLength(2);
    await client.graphql(LIST_DATABASES, { a: 1, b: 2 }, { cacheKind: 'catalog' });
    await client.graphql(LIST_DATABASES, { b: 2, a: 1 }, { cacheKind: 'catalog' });
    expect(upstream.requests).toHaveLength(3);
    expect(client.stats.cacheHits).toBe(1);
  });

  it('invalidates the tags a mutation names', async () => {
    upstream = await startFakeUpstream((request) => ({
      json: {
        data: request.graphql?.query.startsWith('mutation')
          ? { cancelDataLakeQuery: { id: 'q1' } }
          : { n: 1 },
      },
    }));
    client = clientFor(upstream);
    const read = () => client.graphql(LIST_DATABASES, {}, { cacheKind: 'catalog', tags: ['queries'] });
    await read();
    await read();
    expect(upstream.requests).toHaveLength(1);
    await client.graphql(CANCEL_QUERY, { input: { id: 'q1' } }, { tags: ['queries'] });
    await read();
    expect(upstream.requests).toHaveLength(3);
  });
});
