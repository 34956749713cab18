import { afterEach, describe, expect, it } from 'vitest';
import { PantherApiError } from './errors.js';
import { createMemoryCacheStore } from './state/memoryCacheStore.js';
import { createMemorySingleFlight } from './state/memorySingleFlight.js';
import { createTokenBucketRateLimiter } from './state/tokenBucketRateLimiter.js';
import type { CacheStore, RateLimiter, SingleFlight } from './state/types.js';
import { captureLogger, clientFor, rejectionOf } from './testdata/harness.js';
import { type FakeUpstream, startFakeUpstream, waitUntil } from './testing/index.js';
import type { PantherClient } from './types.js';

let upstream: FakeUpstream;
let client: PantherClient;
afterEach(async () => {
  await client?.close();
  await upstream?.close();
});

type Counts = Record<string, number>;

/** Wraps every method of a part so that each call is counted by name. */
function counted<T extends object>(part: T): { part: T; counts: Counts } {
  const counts: Counts = {};
  const wrapped = new Proxy(part, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        counts[name] = (counts[name] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { part: wrapped, counts };
}

const never = () => new Promise<never>(() => {});
const failing = () => Promise.reject(Object.assign(new Error('redis://:hunter2@cache:6379 refused'), {}));

const brokenStore = (fail: () => Promise<never>): CacheStore => ({
  get: fail,
  versions: fail,
  set: fail,
  delete: fail,
  invalidate: fail,
});

describe('PantherClient parts', () => {
  it('uses the cache store, rate limiter and single flight it is given, and never closes them', async () => {
    upstream = await startFakeUpstream((request) =>
      request.method === 'GET' ? { json: { n: upstream.requests.length } } : { status: 204 },
    );
    const cache = counted(createMemoryCacheStore({ maxEntries: 10 }));
    const limiter = counted(createTokenBucketRateLimiter({ requestsPerSecond: Number.POSITIVE_INFINITY }));
    const flights = counted(createMemorySingleFlight());
    client = clientFor(upstream, {
      cacheStore: cache.part,
      rateLimiter: limiter.part,
      singleFlight: flights.part,
    });

    const read = () => client.rest({ method: 'GET', path: '/rules' });
    await Promise.all([read(), read()]);
    await read();
    await client.rest({ method: 'PATCH', path: '/rules', body: {} });
    await read();
    await client.close();

    expect(upstream.requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET']);
    expect(client.stats).toMatchObject({ coalesced: 1, cacheHits: 1, upstreamCalls: 3, partErrors: 0 });
    // Four reads look up the cache; the three misses go through the single flight (one joins), the two that
    // lead their flight look once more, go upstream and are stored, and the write invalidates.
    expect(cache.counts).toMatchObject({ get: 6, versions: 4, set: 2, invalidate: 1 });
    expect(limiter.counts).toEqual({ acquire: 3 });
    expect(flights.counts).toEqual({ run: 3, forget: 1 });
    expect(cache.counts['close'] ?? 0).toBe(0);
    expect(limiter.counts['close'] ?? 0).toBe(0);
    expect(flights.counts['close'] ?? 0).toBe(0);
  });

  it('treats a cache store that rejects as a miss, counts it, and warns once a minute without its message', async () => {
    upstream = await startFakeUpstream(() => ({ json: { ok: true } }));
    const { logger, lines } = captureLogger();
    client = clientFor(upstream, { cacheStore: brokenStore(failing), logger });
    for (let i = 0; i < 3; i += 1) {
      await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({ ok: true });
    }
    await client.rest({ method: 'PATCH', path: '/rules', body: {} });
    expect(upstream.requests).toHaveLength(4);
    // get and versions for each read (nothing to set without versions), and the write's invalidation.
    expect(client.stats.partErrors).toBe(7);
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ part: 'cacheStore', reason: 'Error' });
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });

  it('does not wait longer than partTimeoutMs for a cache store that hangs', async () => {
    upstream = await startFakeUpstream(() => ({ json: { ok: true } }));
    client = clientFor(upstream, { cacheStore: brokenStore(never), partTimeoutMs: 20 });
    await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({ ok: true });
    await client.rest({ method: 'PATCH', path: '/rules', body: {} });
    expect(upstream.requests).toHaveLength(2);
    expect(client.stats.partErrors).toBe(3);
  });

  it('answers a read whose cache write fails, and counts the failure', async () => {
    upstream = await startFakeUpstream(() => ({ json: { ok: true } }));
    const store = createMemoryCacheStore({ maxEntries: 10 });
    client = clientFor(upstream, { cacheStore: { ...store, get: store.get, set: failing } });
    await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({ ok: true });
    await waitUntil(() => client.stats.partErrors === 1);
    await client.rest({ method: 'GET', path: '/rules' });
    expect(upstream.requests).toHaveLength(2);
  });

  it('runs the call itself when the single flight rejects or hangs', async () => {
    upstream = await startFakeUpstream(() => ({ json: { ok: true } }));
    const rejecting: SingleFlight = { run: failing, forget: failing };
    client = clientFor(upstream, { singleFlight: rejecting, cache: { enabled: false } });
    await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({ ok: true });
    await client.rest({ method: 'PATCH', path: '/rules', body: {} });
    expect(client.stats.partErrors).toBe(2);
    await client.close();

    const hanging: SingleFlight = { run: never, forget: never };
    client = clientFor(upstream, { singleFlight: hanging, cache: { enabled: false }, partTimeoutMs: 20 });
    await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({ ok: true });
    await client.rest({ method: 'PATCH', path: '/rules', body: {} });
    expect(client.stats.partErrors).toBe(2);
    expect(upstream.requests).toHaveLength(4);
  });

  it('keeps the outcome of a call the single flight started, even when the part then fails', async () => {
    upstream = await startFakeUpstream(() => ({ status: 404, json: { message: 'no such rule' } }));
    const startsThenFails: SingleFlight = {
      async run(_key, options, start) {
        await start(options.signal).catch(() => undefined);
        throw new Error('lost the connection to the lock server');
      },
      forget() {},
    };
    client = clientFor(upstream, { singleFlight: startsThenFails });
    const error = await rejectionOf(client.rest({ method: 'GET', path: '/rules/x' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', detail: 'no such rule' });
    expect(upstream.requests).toHaveLength(1);
    expect(client.stats.partErrors).toBe(0);
  });

  it("hands a joined caller the leader's Panther error without running the call again", async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    const relaysError: SingleFlight = {
      async run(_key, options) {
        options.onJoin?.();
        throw new PantherApiError('PERMISSION', 'denied', { status: 403 });
      },
      forget() {},
    };
    client = clientFor(upstream, { singleFlight: relaysError, partTimeoutMs: 20 });
    await expect(client.rest({ method: 'GET', path: '/rules' })).rejects.toMatchObject({
      code: 'PERMISSION',
    });
    expect(upstream.requests).toHaveLength(0);
    expect(client.stats.partErrors).toBe(0);
  });

  it('lets a call start when the rate limiter rejects, but not when the caller aborted', async () => {
    upstream = await startFakeUpstream(() => ({ json: { ok: true } }));
    const broken: RateLimiter = { acquire: failing };
    client = clientFor(upstream, { rateLimiter: broken });
    await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({ ok: true });
    expect(client.stats.partErrors).toBe(1);
    await client.close();

    const waitsForever: RateLimiter = {
      acquire: (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    };
    client = clientFor(upstream, { rateLimiter: waitsForever });
    const controller = new AbortController();
    const pending = client.rest({ method: 'GET', path: '/users', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(client.stats.partErrors).toBe(0);
    expect(upstream.requests).toHaveLength(1);
  });

  it('ends calls waiting on a given rate limiter when it closes, and closes only the parts it built', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    let closes = 0;
    const waitsForever: RateLimiter = {
      acquire: (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      close: () => {
        closes += 1;
      },
    };
    client = clientFor(upstream, { rateLimiter: waitsForever });
    const pending = client.rest({ method: 'GET', path: '/rules' });
    await client.close();
    const error = (await rejectionOf(pending)) as PantherApiError;
    expect(error).toMatchObject({ code: 'ABORTED', message: 'The Panther client was closed' });
    expect(closes).toBe(0);
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses a part that lacks a method, naming it', () => {
    expect(() => clientFor(upstream, { cacheStore: { get: failing } as unknown as CacheStore })).toThrow(
      'cacheStore lacks the methods versions, set, delete, invalidate',
    );
  });
});
