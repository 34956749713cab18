import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import type { RedisStateChange } from './options.js';
import { createReplica, deferred, type Replica, startReplica, until } from './testdata/harness.js';
import { type RedisServer, type RedisServerOptions, startRedisServer } from './testing/redisServer.js';

const FAST = { probeIntervalMs: 100, connectMs: 500 };

/** One of everything a client does per call: cache read and write, a rate-limit slot, a coalesced read. */
async function oneCall(replica: Replica, i: number): Promise<void> {
  const { cacheStore, rateLimiter, singleFlight } = replica.parts;
  const signal = new AbortController().signal;
  const key = `alerts:${i % 5}`;
  const since = await cacheStore.versions(['alerts']);
  if ((await cacheStore.get(key)) === undefined) {
    await rateLimiter.acquire(signal);
    const { value } = await singleFlight.run(key, { tags: ['alerts'], signal }, async () => ({ i }));
    await cacheStore.set(key, value, { ttlMs: 60_000, tags: ['alerts'], since });
  }
  if (i % 7 === 0) await cacheStore.invalidate(['alerts']);
}

/** Runs `count` calls per replica, all concurrently; returns how many failed. */
async function failures(replicas: readonly Replica[], from: number, count: number): Promise<number> {
  const settled = await Promise.allSettled(
    replicas.flatMap((replica) => Array.from({ length: count }, (_, i) => oneCall(replica, from + i))),
  );
  return settled.filter((s) => s.status === 'rejected').length;
}

const warnings = (replica: Replica) => replica.logger.lines.filter((line) => line.level === 'warn');

describeWithPrograms(['redis-server'], 'degrade, do not fail', () => {
  let servers: RedisServer[] = [];
  let replicas: Replica[] = [];
  let clients: Redis[] = [];
  let dataDirs: string[] = [];

  const server = async (options?: RedisServerOptions) => {
    const started = await startRedisServer(options);
    servers.push(started);
    return started;
  };
  const replica = async (...args: Parameters<typeof startReplica>) => {
    const started = await startReplica(...args);
    replicas.push(started);
    return started;
  };

  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.parts.close()));
    for (const client of clients) client.disconnect();
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    dataDirs = [];
    servers = [];
    replicas = [];
    clients = [];
  });

  it('fails no call when Redis is killed mid-run, warns once, and rejoins when it is back', async () => {
    const redis = await server();
    const changes: RedisStateChange[] = [];
    const options = { timeouts: FAST, rateLimit: { requestsPerSecond: 1000, burst: 100 } };
    const a = await replica(redis.url, { ...options, onStateChange: (change) => changes.push(change) });
    const b = await replica(redis.url, options);

    expect(await failures([a, b], 0, 20)).toBe(0);
    // A follower is waiting on the other replica's call when Redis dies.
    const gate = deferred();
    const held = a.parts.singleFlight.run(
      'slow',
      { tags: [], signal: new AbortController().signal },
      async () => {
        await gate.promise;
        return 'from a';
      },
    );
    const follower = b.parts.singleFlight.run(
      'slow',
      { tags: [], signal: new AbortController().signal },
      async () => {
        await gate.promise;
        return 'from b';
      },
    );
    await until(() => b.parts.stats().following === 1, 'b follows a');

    await redis.kill();
    expect(await failures([a, b], 20, 40)).toBe(0);
    gate.resolve();
    expect((await held).value).toBe('from a');
    expect((await follower).value).toBe('from b');
    // A write through b while Redis is out still reaches b's local cache.
    await b.parts.cacheStore.invalidate(['alerts']);

    for (const r of [a, b]) {
      expect(r.parts.state).toBe('down');
      expect(warnings(r)).toHaveLength(1);
      expect(warnings(r)[0]!.message).toMatch(/redis unavailable/);
      const { fallbacks, outages } = r.parts.stats();
      expect(outages).toBe(1);
      expect(fallbacks.cache).toBeGreaterThan(0);
      expect(fallbacks.rateLimiter).toBeGreaterThan(0);
      expect(fallbacks.singleFlight).toBeGreaterThan(0);
    }

    await redis.restart();
    expect(await a.parts.whenReady(10_000)).toBe(true);
    expect(await b.parts.whenReady(10_000)).toBe(true);
    for (const r of [a, b]) {
      expect(r.parts.stats().rejoins).toBe(1);
      expect(r.logger.lines.filter((line) => /answers again/.test(line.message))).toHaveLength(1);
      expect(warnings(r)).toHaveLength(1);
    }
    expect(changes.map((c) => `${c.previous}->${c.state}`)).toEqual([
      'connecting->up',
      'up->down',
      'down->up',
    ]);

    // Shared again: 12 identical reads through both replicas make one upstream call.
    const release = deferred();
    let calls = 0;
    const upstream = async () => {
      calls += 1;
      await release.promise;
      return { rows: 3 };
    };
    const reads = Array.from({ length: 12 }, (_, i) =>
      (i % 2 === 0 ? a : b).parts.singleFlight.run(
        'after',
        { tags: ['alerts'], signal: new AbortController().signal },
        upstream,
      ),
    );
    await until(() => a.parts.stats().following + b.parts.stats().following === 1, 'one replica follows');
    release.resolve();
    expect((await Promise.all(reads)).map((r) => r.value)).toEqual(
      Array.from({ length: 12 }, () => ({ rows: 3 })),
    );
    expect(calls).toBe(1);
  });

  it('falls back at once when Redis is slow, and rejoins when it answers again', async () => {
    const redis = await server();
    const a = await replica(redis.url, { timeouts: FAST, namespace: 'slow' });
    const admin = new Redis(redis.url);
    clients.push(admin);
    // Every command from every client waits 1.5 s: far beyond the parts' 150 ms bound.
    await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
    await a.parts.cacheStore.invalidate(['alerts']);
    expect(await a.parts.cacheStore.get('alerts:1')).toBeUndefined();
    expect(await a.parts.rateLimiter.acquire(new AbortController().signal)).toBe(false);
    expect(a.parts.state).toBe('down');
    expect(warnings(a)).toHaveLength(1);
    expect(warnings(a)[0]!.fields?.['reason']).toMatch(/did not answer within 150 ms/);
    expect(a.local.counts).toMatchObject({ cacheGets: 1, acquires: 1 });
    // The pause ends; the probe finds Redis answering.
    expect(await a.parts.whenReady(10_000)).toBe(true);
    expect(a.parts.stats()).toMatchObject({ outages: 1, rejoins: 1 });
  });

  it('replays on rejoin the invalidations Redis missed while it was down', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-redis-'));
    dataDirs.push(dataDir);
    const redis = await server({ dataDir });
    const a = await replica(redis.url, { timeouts: FAST, namespace: 'replay' });
    const b = await replica(redis.url, { timeouts: FAST, namespace: 'replay' });
    const since = await a.parts.cacheStore.versions(['alerts']);
    await a.parts.cacheStore.set('alerts:1', { status: 'OPEN' }, { ttlMs: 60_000, tags: ['alerts'], since });

    await redis.kill();
    await until(() => b.parts.state === 'down', 'b sees the outage');
    // A write through b while Redis is down: only b's local cache hears of it now.
    await b.parts.cacheStore.invalidate(['alerts']);
    // Redis comes back with its data (the stale entry included).
    await redis.restart();
    expect(await b.parts.whenReady(10_000)).toBe(true);
    expect(await a.parts.whenReady(10_000)).toBe(true);
    expect(await a.parts.cacheStore.get('alerts:1')).toBeUndefined();
  });

  it('serves every call locally when Redis cannot be reached at all, with one warning', async () => {
    const redis = await server();
    await redis.kill();
    const offline = createReplica(redis.url, { namespace: 'offline', timeouts: FAST });
    replicas.push(offline);
    const { parts, local } = offline;
    expect(await parts.whenReady(300)).toBe(false);
    expect(await failures([offline], 0, 30)).toBe(0);
    expect(local.counts.cacheGets).toBeGreaterThan(0);
    expect(local.counts.acquires).toBeGreaterThan(0);
    await until(() => warnings(offline).length > 0, 'the outage is reported');
    expect(warnings(offline)).toHaveLength(1);
    expect(parts.stats().outages).toBe(1);
  });

  it("never puts the URL's credentials in a log line or a state change", async () => {
    const redis = await server({ password: 'hunter2-s3cret' });
    const changes: RedisStateChange[] = [];
    const url = `redis://default:hunter2-s3cret@127.0.0.1:${redis.port}`;
    const good = await replica(url, { timeouts: FAST, onStateChange: (change) => changes.push(change) });
    await redis.kill();
    await until(() => good.parts.state === 'down', 'the outage is seen');

    await redis.restart();
    const wrong = createReplica(`redis://default:wrong-pa55word@127.0.0.1:${redis.port}`, {
      namespace: 'auth',
      timeouts: FAST,
      onStateChange: (change) => changes.push(change),
    });
    replicas.push(wrong);
    await until(() => wrong.parts.state === 'down', 'the refused login is seen');

    const text = [good.logger.text(), wrong.logger.text(), JSON.stringify(changes)].join('\n');
    expect(text).toContain('***');
    expect(text).toMatch(/WRONGPASS|NOAUTH|invalid/i);
    expect(text).not.toContain('hunter2-s3cret');
    expect(text).not.toContain('wrong-pa55word');
  });

  it('closes its connections', async () => {
    const redis = await server();
    const r = await replica(redis.url, { timeouts: FAST, namespace: 'closing' });
    const admin = new Redis(redis.url);
    clients.push(admin);
    const names = async () =>
      String(await admin.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => /name=mcp-panther/.test(line)).length;
    expect(await names()).toBe(2);
    await r.parts.close();
    expect(r.parts.state).toBe('closed');
    for (let i = 0; i < 100 && (await names()) > 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await names()).toBe(0);
  });
});
