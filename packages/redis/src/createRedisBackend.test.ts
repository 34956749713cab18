import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createRedisBackend, type RedisBackend } from './createRedisBackend.js';
import { deferred, until } from './testdata/harness.js';
import { type CountingLocalParts, createLocalParts } from './testdata/localParts.js';
import { recordingLogger } from './testdata/recordingLogger.js';
import { type RedisServer, startRedisServer } from './testing/redisServer.js';

const FAST = { probeIntervalMs: 100, connectMs: 500 };
const signal = () => new AbortController().signal;

describeWithPrograms(
  ['redis-server'],
  'Redis backend: parts of several namespaces on one pair of connections',
  () => {
    let server: RedisServer;
    let admin: Redis;
    let backends: RedisBackend[] = [];

    const open = async () => {
      const logger = recordingLogger();
      const backend = createRedisBackend({ url: server.url, logger, timeouts: FAST });
      backends.push(backend);
      if (!(await backend.whenReady(5000))) throw new Error('the backend could not reach Redis');
      return { backend, logger };
    };
    /** A replica's parts: a cache store and single flight per token namespace, one rate limiter per instance. */
    const parts = (backend: RedisBackend, locals: CountingLocalParts = createLocalParts()) => ({
      tokenA: backend.cacheStore({ namespace: 'acme:token-a', local: locals.cacheStore }),
      tokenB: backend.cacheStore({ namespace: 'acme:token-b', local: locals.cacheStore }),
      flightA: backend.singleFlight({ namespace: 'acme:token-a', local: locals.singleFlight }),
      limiter: backend.rateLimiter({
        namespace: 'acme',
        local: locals.rateLimiter,
        rateLimit: { requestsPerSecond: 1, burst: 2 },
      }),
      locals,
    });

    beforeAll(async () => {
      server = await startRedisServer();
      admin = new Redis(server.url);
    });
    afterEach(async () => {
      await Promise.all(backends.map((backend) => backend.close()));
      backends = [];
    });
    afterAll(async () => {
      admin.disconnect();
      await server.stop();
    });

    it('keeps namespaces apart, shares each one across replicas, and opens two connections per replica', async () => {
      const one = parts((await open()).backend);
      const two = parts((await open()).backend);
      await one.tokenA.set(
        'alerts:1',
        { id: 'a1' },
        { ttlMs: 60_000, tags: ['alerts'], since: await one.tokenA.versions(['alerts']) },
      );
      expect(await two.tokenA.get('alerts:1')).toEqual({ value: { id: 'a1' } });
      expect(await two.tokenB.get('alerts:1')).toBeUndefined();
      // The budget is one bucket for both replicas: burst 2, then a wait.
      expect(await one.limiter.acquire(signal())).toBe(false);
      expect(await two.limiter.acquire(signal())).toBe(false);
      expect(await admin.exists('mcp-panther:{acme}:rl:bucket')).toBe(1);
      const names = String(await admin.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => /name=mcp-panther/.test(line));
      expect(names).toHaveLength(4);
    });

    it('hears flight notices in a namespace whose single flight was made after the connection was up', async () => {
      const a = (await open()).backend;
      const b = (await open()).backend;
      const first = a.singleFlight({ namespace: 'late', local: createLocalParts().singleFlight });
      const other = b.singleFlight({ namespace: 'late', local: createLocalParts().singleFlight });
      // Both subscribed to the namespace's channel at once, not at the next reconnection.
      const subscribers = async () =>
        Number(((await admin.call('PUBSUB', 'NUMSUB', 'mcp-panther:{late}:sf:done')) as [string, number])[1]);
      for (let i = 0; i < 100 && (await subscribers()) < 2; i += 1)
        await new Promise((r) => setTimeout(r, 10));
      expect(await subscribers()).toBe(2);
      const gate = deferred();
      let calls = 0;
      const start = async () => {
        calls += 1;
        await gate.promise;
        return 'shared';
      };
      const lead = first.run('k', { tags: [], signal: signal() }, start);
      await until(() => calls === 1, 'a leads');
      const follow = other.run('k', { tags: [], signal: signal() }, start);
      await until(() => b.stats().following === 1, 'b follows');
      gate.resolve();
      expect(await lead).toEqual({ value: 'shared', joined: false });
      expect(await follow).toEqual({ value: 'shared', joined: true });
      expect(calls).toBe(1);
      expect(b.stats()).toMatchObject({ remoteJoins: 1, following: 0 });
      expect(a.stats()).toMatchObject({ leads: 1 });
    });

    it('warns once per outage for all its parts, and every part falls back', async () => {
      const { backend, logger } = await open();
      const replica = parts(backend);
      await server.kill();
      expect(await replica.tokenA.get('x')).toBeUndefined();
      expect(await replica.tokenB.get('x')).toBeUndefined();
      expect(await replica.limiter.acquire(signal())).toBe(false);
      expect(backend.state).toBe('down');
      expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
      expect(backend.stats()).toMatchObject({ outages: 1, fallbacks: { cache: 2, rateLimiter: 1 } });
      expect(replica.locals.counts).toMatchObject({ cacheGets: 2, acquires: 1 });
      await server.restart();
      expect(await backend.whenReady(10_000)).toBe(true);
      expect(backend.stats()).toMatchObject({ rejoins: 1 });
    });

    it('names the function and the option in its errors', () => {
      expect(() => createRedisBackend({ url: 'http://x' })).toThrow(
        /^createRedisBackend: url must use redis:\/\/ or rediss:\/\//,
      );
      const backend = createRedisBackend({ url: 'redis://127.0.0.1:1' });
      backends.push(backend);
      expect(() => backend.cacheStore({ namespace: 'a b', local: createLocalParts().cacheStore })).toThrow(
        /createRedisBackend: namespace must be 1 to 200 characters/,
      );
      expect(() => backend.rateLimiter({ namespace: 'a', local: {} as never })).toThrow(
        /createRedisBackend: local\.rateLimiter must be a RateLimiter/,
      );
    });
  },
);
