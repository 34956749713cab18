import { type CacheStore, createPantherClient, type PantherClient } from '@mcp-panther/client';
import { type FakeUpstream, startFakeUpstream } from '@mcp-panther/client/testing';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { deferred, type Replica, startReplica, until } from './testdata/harness.js';
import { type RedisServer, startRedisServer } from './testing/redisServer.js';

// The client guards every part: a part that neither starts, joins nor answers within `partTimeoutMs` (250 ms by
// default) is passed by, and versions must come one per tag. These tests run the Redis parts behind the real client.
const PART_TIMEOUT_MS = 250;

describeWithPrograms(['redis-server'], 'the Redis parts behind the client', () => {
  let server: RedisServer;
  let inspect: Redis;
  let upstream: FakeUpstream;
  let gate = deferred();
  let replicas: Replica[] = [];
  let clients: PantherClient[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
    inspect = new Redis(server.url);
    upstream = await startFakeUpstream(async (request) => {
      await gate.promise;
      return { json: { id: request.path.split('/').pop(), status: 'OPEN' } };
    });
  });
  afterEach(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(replicas.map((replica) => replica.parts.close()));
    replicas = [];
    clients = [];
  });
  afterAll(async () => {
    inspect.disconnect();
    await upstream.close();
    await server.stop();
  });

  const replica = async (namespace: string, wrap: (store: CacheStore) => CacheStore = (store) => store) => {
    const started = await startReplica(server.url, { namespace });
    replicas.push(started);
    const client = createPantherClient({
      urls: { rest: upstream.url, graphql: `${upstream.url}/public/graphql` },
      token: 'token-under-test',
      cacheStore: wrap(started.parts.cacheStore),
      singleFlight: started.parts.singleFlight,
      rateLimiter: started.parts.rateLimiter,
    });
    clients.push(client);
    return { client, parts: started.parts };
  };
  const alerts = (id = 'a1') => upstream.requests.filter((r) => r.path === `/alerts/${id}`).length;

  it('keeps a follower waiting on another replica past the part timeout, then serves both from one call and the cache', async () => {
    gate = deferred();
    const a = await replica('guarded');
    const b = await replica('guarded');
    const first = a.client.rest({ method: 'GET', path: '/alerts/a1' });
    await until(() => alerts() === 1, 'a calls upstream');
    const second = b.client.rest({ method: 'GET', path: '/alerts/a1' });
    await until(() => b.parts.stats().following === 1, 'b follows a');
    // Several part timeouts pass while a's call is held: b must still be waiting on a, not calling itself.
    await new Promise((resolve) => setTimeout(resolve, PART_TIMEOUT_MS * 2.5));
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([
      { id: 'a1', status: 'OPEN' },
      { id: 'a1', status: 'OPEN' },
    ]);
    expect(alerts()).toBe(1);
    expect(b.client.stats).toMatchObject({ coalesced: 1, partErrors: 0 });
    // a stored the answer in Redis (one version per tag passed the client's check): b reads it from there.
    expect(await b.client.rest({ method: 'GET', path: '/alerts/a1' })).toEqual({ id: 'a1', status: 'OPEN' });
    expect(alerts()).toBe(1);
    expect(b.client.stats).toMatchObject({ cacheHits: 1, partErrors: 0 });
    expect(a.client.stats.partErrors).toBe(0);
  });

  it('does not call upstream again for a read that missed just before another replica stored the answer', async () => {
    gate = deferred();
    const a = await replica('late-miss');
    // b's first lookup reads Redis at once but answers only when the test says: a miss from before a's answer.
    const lookup = deferred();
    let lookups = 0;
    const b = await replica('late-miss', (store) => ({
      ...store,
      versions: (tags) => store.versions(tags),
      async get(key) {
        lookups += 1;
        const found = await store.get(key);
        if (lookups === 1) await lookup.promise;
        return found;
      },
    }));
    const first = a.client.rest({ method: 'GET', path: '/alerts/a2' });
    await until(() => alerts('a2') === 1, 'a calls upstream');
    const second = b.client.rest({ method: 'GET', path: '/alerts/a2' });
    await until(() => lookups === 1, 'b looks up the cache');
    gate.resolve();
    // a's answer is stored and its flight has ended before b, which missed, goes on to lead its own.
    expect(await first).toEqual({ id: 'a2', status: 'OPEN' });
    for (let i = 0; i < 500 && (await inspect.keys('mcp-panther:{late-miss}:sf:l:*')).length > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await inspect.keys('mcp-panther:{late-miss}:sf:l:*')).toEqual([]);
    lookup.resolve();
    expect(await second).toEqual({ id: 'a2', status: 'OPEN' });
    expect(alerts('a2')).toBe(1);
    expect(b.client.stats).toMatchObject({ cacheHits: 1, upstreamCalls: 0, partErrors: 0 });
  });
});
