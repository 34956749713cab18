import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type Replica, startReplica } from '../testdata/harness.js';
import { type RedisServer, startRedisServer } from '../testing/redisServer.js';

describeWithPrograms(['redis-server'], 'Redis cache store', () => {
  let server: RedisServer;
  let inspect: Redis;
  let replicas: Replica[] = [];
  let namespaces = 0;

  const start = async (count: number, namespace = `cache-${++namespaces}`) => {
    const started = await Promise.all(
      Array.from({ length: count }, () => startReplica(server.url, { namespace })),
    );
    replicas.push(...started);
    return started.map((replica) => replica.parts.cacheStore);
  };

  beforeAll(async () => {
    server = await startRedisServer();
    inspect = new Redis(server.url);
  });
  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.parts.close()));
    replicas = [];
  });
  afterAll(async () => {
    inspect.disconnect();
    await server.stop();
  });

  it('serves an entry stored by one replica to another for its TTL, and tells a cached null from a miss', async () => {
    const [a, b] = await start(2);
    await a!.set(
      'alerts:list',
      { alerts: [{ id: 'a1' }] },
      { ttlMs: 60_000, tags: ['alerts'], since: await a!.versions(['alerts']) },
    );
    await a!.set('alerts:none', null, {
      ttlMs: 60_000,
      tags: ['alerts'],
      since: await a!.versions(['alerts']),
    });
    expect(await b!.get('alerts:list')).toEqual({ value: { alerts: [{ id: 'a1' }] } });
    expect(await b!.get('alerts:none')).toEqual({ value: null });
    expect(await b!.get('alerts:other')).toBeUndefined();
    const ttl = await inspect.pttl(`mcp-panther:{cache-${namespaces}}:c:e:alerts:list`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(replicas.map((r) => r.local.counts.cacheGets)).toEqual([0, 0]);
  });

  it('does not store an entry whose TTL is 0 or whose value is not JSON', async () => {
    const [a] = await start(1);
    await a!.set('k0', 1, { ttlMs: 0, tags: [], since: await a!.versions([]) });
    await a!.set('kb', 10n, { ttlMs: 1000, tags: [], since: await a!.versions([]) });
    expect(await a!.get('k0')).toBeUndefined();
    expect(await a!.get('kb')).toBeUndefined();
  });

  it('drops tagged entries on every replica at once when one replica invalidates the tag', async () => {
    const [a, b, c] = await start(3);
    const since = await a!.versions(['alerts']);
    await a!.set('alerts:1', { status: 'OPEN' }, { ttlMs: 60_000, tags: ['alerts'], since });
    await a!.set('alerts:2', { status: 'OPEN' }, { ttlMs: 60_000, tags: ['alerts'], since });
    await a!.set(
      'rules:1',
      { enabled: true },
      { ttlMs: 60_000, tags: ['detections'], since: await a!.versions(['detections']) },
    );
    expect(await b!.get('alerts:1')).toBeDefined();
    await c!.invalidate(['alerts']);
    expect(await a!.get('alerts:1')).toBeUndefined();
    expect(await b!.get('alerts:1')).toBeUndefined();
    expect(await b!.get('alerts:2')).toBeUndefined();
    expect(await b!.get('rules:1')).toEqual({ value: { enabled: true } });
  });

  it('refuses an answer read before an invalidation on another replica (stale-after-write guard)', async () => {
    const [a, b] = await start(2);
    const before = await a!.versions(['alerts', 'metrics']);
    await b!.invalidate(['alerts']);
    await a!.set(
      'alerts:1',
      { status: 'OPEN' },
      { ttlMs: 60_000, tags: ['alerts', 'metrics'], since: before },
    );
    expect(await b!.get('alerts:1')).toBeUndefined();
    const after = await a!.versions(['alerts', 'metrics']);
    expect(after).not.toEqual(before);
    await a!.set(
      'alerts:1',
      { status: 'RESOLVED' },
      { ttlMs: 60_000, tags: ['alerts', 'metrics'], since: after },
    );
    expect(await b!.get('alerts:1')).toEqual({ value: { status: 'RESOLVED' } });
  });

  it('deletes one entry for every replica', async () => {
    const [a, b] = await start(2);
    await a!.set('k', 1, { ttlMs: 60_000, tags: [], since: await a!.versions([]) });
    await b!.delete('k');
    expect(await a!.get('k')).toBeUndefined();
  });

  it('keeps every key under its namespace, bounded in length, and namespaces apart', async () => {
    const [a] = await start(1, 'instance-1.perm-abc');
    const [other] = await start(1, 'instance-2.perm-abc');
    const longKey = `graphql:${JSON.stringify({ query: 'x'.repeat(2000), variables: { id: '{a}' } })}`;
    await a!.set(
      longKey,
      { ok: true },
      { ttlMs: 60_000, tags: ['alerts'], since: await a!.versions(['alerts']) },
    );
    expect(await a!.get(longKey)).toEqual({ value: { ok: true } });
    expect(await other!.get(longKey)).toBeUndefined();
    const keys = await inspect.keys('*instance-1.perm-abc*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.startsWith('mcp-panther:{instance-1.perm-abc}:c:')).toBe(true);
      expect(key.length).toBeLessThan(120);
    }
  });
});
