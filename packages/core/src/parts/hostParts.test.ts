import {
  type CacheStore,
  createMemoryCacheStore,
  createMemorySingleFlight,
  createTokenBucketRateLimiter,
  type RateLimiter,
  type SingleFlight,
} from '@mcp-panther/client';
import { type FakeUpstream, startFakeUpstream } from '@mcp-panther/client/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditSink } from '../audit/auditSink.js';
import type { CallHook } from '../calls/types.js';
import { parseConfig } from '../config/loadConfig.js';
import { createHost, type Host } from '../host/createHost.js';
import { givenPackSource } from '../loading/loadPacks.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import type { SharedStore } from '../sharedStore/types.js';
import { thingsPack } from '../testdata/packs.js';

let upstream: FakeUpstream;
let host: Host | undefined;
beforeEach(async () => {
  upstream = await startFakeUpstream((request) => {
    if (request.path === '/api-tokens/self') return { json: { permissions: ['AlertRead', 'AlertModify'] } };
    if (request.path === '/things') return { json: [{ id: 'a' }, { id: 'b' }] };
    return { status: 404, json: { message: 'no such path' } };
  });
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  await upstream.close();
});

const source = givenPackSource(thingsPack);

/** Counts every method call of a part, then forwards it to the real one. */
function counted<T extends object>(part: T, counts: Record<string, number>): T {
  return new Proxy(part, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts[String(key)] = (counts[String(key)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('the composition root takes swappable parts through CreateHostOptions', () => {
  it('uses a custom cache store, rate limiter, single-flight, audit sink and call hook', async () => {
    const cacheCounts: Record<string, number> = {};
    const limiterCounts: Record<string, number> = {};
    const flightCounts: Record<string, number> = {};
    const audit: string[] = [];
    const seen: string[] = [];
    const sink: AuditSink = {
      async write(line) {
        audit.push(line);
      },
      async close() {},
    };
    const recorder: CallHook = {
      name: 'recorder',
      phase: 'observe',
      async around(call, next) {
        seen.push(`before ${call.tool.name}`);
        const outcome = await next();
        seen.push(`after ${call.tool.name} ${outcome.ok ? 'ok' : 'error'}`);
        return outcome;
      },
    };
    host = await createHost({
      config: parseConfig({
        packs: [],
        // This client cannot be asked to confirm; confirmation has its own tests.
        policy: { mode: 'read-write', confirmWrites: 'never' },
        panther: {
          restUrl: upstream.url,
          graphqlUrl: `${upstream.url}/public/graphql`,
          token: 'token-under-test',
        },
      }),
      packs: [source],
      logger: createLogger({ level: 'warn', format: 'json', sink: memorySink() }),
      parts: {
        cacheStore: ({ config }): CacheStore =>
          counted(createMemoryCacheStore({ maxEntries: config.client.cache.maxEntries }), cacheCounts),
        rateLimiter: (): RateLimiter =>
          counted(createTokenBucketRateLimiter({ requestsPerSecond: 100, burst: 100 }), limiterCounts),
        singleFlight: (): SingleFlight => counted(createMemorySingleFlight(), flightCounts),
        auditSink: () => sink,
        // An observe hook runs outermost, wherever it is in the list: it sees every call, including input the
        // host refuses.
        callHooks: ({ defaults }) => [...defaults, recorder],
      },
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await host.connect(serverSide);
    const client = new Client({ name: 'parts-test', version: '0.0.0' });
    await client.connect(clientSide);

    await client.callTool({ name: 'list_things', arguments: {} });
    await client.callTool({ name: 'list_things', arguments: {} });
    await client.callTool({ name: 'update_thing', arguments: { id: 'a', status: 'CLOSED' } });
    await client.callTool({ name: 'list_things', arguments: { page_size: 0 } });
    await client.close();

    // The permission read (identity: cached) and both lists (a kind that is never cached) went upstream. The
    // permission read looked in the cache twice: on arrival, and again as it led its flight.
    expect(upstream.requests.map((r) => r.path)).toEqual(['/api-tokens/self', '/things', '/things']);
    expect(cacheCounts['get']).toBe(2);
    expect(cacheCounts['set']).toBe(1);
    expect(limiterCounts['acquire']).toBe(3);
    expect(flightCounts['run']).toBe(3);
    expect(seen).toEqual([
      'before list_things',
      'after list_things ok',
      'before list_things',
      'after list_things ok',
      'before update_thing',
      'after update_thing ok',
      'before list_things',
      'after list_things error',
    ]);
    const records = audit.map((line) => JSON.parse(line));
    expect(records.map((r) => `${r.phase} ${r.tool}`)).toEqual([
      'intent update_thing',
      'outcome update_thing',
    ]);
    expect(records[0].id).toBe(records[1].id);
    expect(records[1]).toMatchObject({
      outcome: 'ok',
      arguments: { id: 'a', status: 'CLOSED' },
      confirmation: 'not required',
    });
  });
});

describe('upstream observers', () => {
  it('are told about every attempt of every client, each even when another throws', async () => {
    const seen: string[] = [];
    const signals: (AbortSignal | undefined)[] = [];
    const warnings = memorySink();
    host = await createHost({
      config: parseConfig({
        packs: [],
        panther: {
          restUrl: upstream.url,
          graphqlUrl: `${upstream.url}/public/graphql`,
          token: 'token-under-test',
        },
      }),
      packs: [source],
      logger: createLogger({ level: 'warn', format: 'json', sink: warnings }),
      parts: {
        upstreamObservers: () => [
          () => {
            throw new Error('observer bug');
          },
          (event) => {
            seen.push(`${event.operation} ${event.status}`);
            signals.push(event.signal);
          },
        ],
      },
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await host.connect(serverSide);
    const client = new Client({ name: 'parts-test', version: '0.0.0' });
    await client.connect(clientSide);
    const result = await client.callTool({ name: 'list_things', arguments: {} });
    await client.close();

    expect(result.isError).toBeFalsy();
    expect(seen).toEqual(['GET /api-tokens/{id} 200', 'GET /things 200']);
    // The permission read at start-up has no caller; the tool's read carries the MCP request's signal.
    expect(signals[0]).toBeUndefined();
    expect(signals[1]).toBeInstanceOf(AbortSignal);
    expect(warnings.lines.join('\n')).toContain('an upstream call observer failed');
  });

  it("gives the local fallback of a shared request budget the replica's share of it", async () => {
    const shares: number[] = [];
    const budgets: unknown[] = [];
    const wrapped: string[] = [];
    const passThrough = <T>(kind: string, local: T): T => {
      wrapped.push(kind);
      return local;
    };
    const store: SharedStore = {
      localShare: 1 / 3,
      cacheStore: (_scope, local) => passThrough('cache', local),
      singleFlight: (_scope, local) => passThrough('single-flight', local),
      rateLimiter: (scope, local) => {
        budgets.push(scope);
        return passThrough('rate', local);
      },
      status: () => ({
        kind: 'test',
        location: 'memory',
        state: 'up',
        outages: 0,
        rejoins: 0,
        fallbacks: { cache: 0, singleFlight: 0, rateLimiter: 0 },
        remoteJoins: 0,
        following: 0,
      }),
      onStateChange: () => () => {},
      close: async () => {},
    };
    host = await createHost({
      config: parseConfig({
        packs: [],
        client: { requestsPerSecond: 30 },
        panther: {
          restUrl: upstream.url,
          graphqlUrl: `${upstream.url}/public/graphql`,
          token: 'token-under-test',
        },
      }),
      packs: [source],
      logger: createLogger({ level: 'warn', format: 'json', sink: memorySink() }),
      parts: {
        sharedStore: async () => store,
        rateLimiter: ({ share }) => {
          shares.push(share);
          return createTokenBucketRateLimiter({ requestsPerSecond: 30 * share });
        },
      },
    });
    expect(shares).toEqual([1 / 3]);
    expect(budgets).toEqual([
      {
        target: expect.objectContaining({ rest: upstream.url }),
        namespace: `instance:${new URL(upstream.url).host}`,
        budget: { requestsPerSecond: 30, burst: 30 },
      },
    ]);
    expect(wrapped).toEqual(expect.arrayContaining(['cache', 'single-flight', 'rate']));
  });
});

describe('the sharedStore part', () => {
  it('wraps the local parts per token scope and per instance (the request budget, owner records), and is closed after the clients', async () => {
    const upstream = await startFakeUpstream((request) =>
      request.path === '/api-tokens/self' ? { json: { permissions: ['AlertRead'] } } : { json: [] },
    );
    const seen: string[] = [];
    const store: SharedStore = {
      cacheStore: (scope, local) => {
        seen.push(`cache ${scope.namespace}`);
        return local;
      },
      singleFlight: (scope, local) => {
        seen.push(`flight ${scope.namespace}`);
        return local;
      },
      rateLimiter: (scope, local) => {
        seen.push(`limiter ${scope.namespace}`);
        return local;
      },
      status: () => ({
        kind: 'test',
        location: 'memory',
        state: 'up',
        outages: 0,
        rejoins: 0,
        fallbacks: { cache: 0, singleFlight: 0, rateLimiter: 0 },
        remoteJoins: 0,
        following: 0,
      }),
      onStateChange: () => () => {},
      close: async () => {
        seen.push('closed');
      },
    };
    const host = await createHost({
      config: parseConfig({
        packs: [],
        panther: {
          restUrl: upstream.url,
          graphqlUrl: `${upstream.url}/public/graphql`,
          token: 'token-under-test',
        },
      }),
      packs: [source],
      logger: createLogger({ level: 'warn', format: 'json', sink: memorySink() }),
      parts: { sharedStore: async () => store },
    });
    await host.close();
    await upstream.close();
    const namespace = seen[0]!.split(' ')[1]!;
    expect(namespace).toMatch(/^127\.0\.0\.1:\d+:[0-9a-f]{16}$/);
    const instance = `instance:${new URL(upstream.url).host}`;
    // Owner records are one set per instance (a query id names a query of the instance, whatever the token).
    const owners = `owners:${new URL(upstream.url).host}`;
    expect(seen).toEqual([
      `cache ${namespace}`,
      `flight ${namespace}`,
      `limiter ${instance}`,
      `cache ${owners}`,
      'closed',
    ]);
    expect(host.sharedStore?.status().kind).toBe('test');
  });
});
