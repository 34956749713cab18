import type { CacheStore, RateLimiter, SingleFlight } from '@mcp-panther/client';
import type { Logger, SharedStore, SharedStoreState, SharedStoreStatus } from '@mcp-panther/core';
import { maskUrlCredentials } from '@mcp-panther/core';
import type { KvStoreConfig } from './section.js';

/** While the store is away it is tried again at most this often. */
const RETRY_AFTER_MS = 1_000;

type Fallback = keyof SharedStoreStatus['fallbacks'];

/**
 * A shared store on the example key-value service: cache entries and the request budget are shared by every
 * replica that uses the same service; in-flight reads are not (each replica keeps its own single-flight). A call
 * the service does not answer in time is served by the replica's local store, so nothing fails because of it.
 */
export function createKvSharedStore(ctx: {
  readonly config: KvStoreConfig;
  readonly logger: Logger;
}): SharedStore {
  const url = new URL(ctx.config.url);
  const token = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const base = url.toString().replace(/\/$/, '');
  const listeners = new Set<(status: SharedStoreStatus) => void>();
  const fallbacks: Record<Fallback, number> = { cache: 0, singleFlight: 0, rateLimiter: 0 };
  let state: SharedStoreState = 'up';
  let outages = 0;
  let rejoins = 0;
  let failedAt = 0;

  const status = (): SharedStoreStatus => ({
    kind: 'kv-store',
    location: maskUrlCredentials(ctx.config.url),
    state,
    outages,
    rejoins,
    fallbacks: { ...fallbacks },
    remoteJoins: 0,
    following: 0,
  });
  const moveTo = (next: SharedStoreState) => {
    if (next === state) return;
    state = next;
    if (next === 'down') {
      outages += 1;
      ctx.logger.warn('kv store unavailable: using the local cache and rate limiter until it answers', {
        url: status().location,
      });
    } else rejoins += 1;
    for (const listener of [...listeners]) listener(status());
  };

  /** One operation on the store, or the local answer when it is away, slow or failing. */
  async function call<T>(
    kind: Fallback,
    operation: string,
    input: Record<string, unknown>,
    local: () => Promise<T>,
  ): Promise<T> {
    if (state === 'down' && Date.now() - failedAt < RETRY_AFTER_MS) {
      fallbacks[kind] += 1;
      return local();
    }
    try {
      const response = await fetch(`${base}/${operation}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(operation === 'acquire' ? 10_000 : ctx.config.timeoutMs),
      });
      if (!response.ok) throw new Error(`the store answered ${response.status}`);
      const answer = (await response.json()) as T;
      moveTo('up');
      return answer;
    } catch {
      failedAt = Date.now();
      moveTo('down');
      fallbacks[kind] += 1;
      return local();
    }
  }

  const cacheStore = (namespace: string, local: CacheStore): CacheStore => ({
    get: (key) =>
      call('cache', 'get', { namespace, key }, async () => ({ entry: (await local.get(key)) ?? null })).then(
        (answer) => (answer as { entry: { value: unknown } | null }).entry ?? undefined,
      ),
    versions: (tags) =>
      call('cache', 'versions', { namespace, tags }, async () => ({
        versions: await local.versions(tags),
      })).then((answer) => answer.versions),
    set: (key, value, options) =>
      call('cache', 'set', { namespace, key, value, options }, () => local.set(key, value, options)).then(
        () => {},
      ),
    delete: (key) => call('cache', 'delete', { namespace, key }, () => local.delete(key)).then(() => {}),
    invalidate: (tags) =>
      call('cache', 'invalidate', { namespace, tags }, () => local.invalidate(tags)).then(() => {}),
    close: () => local.close?.() ?? Promise.resolve(),
  });

  return {
    localShare: 1 / ctx.config.replicas,
    cacheStore: (scope, local) => cacheStore(scope.namespace, local),
    singleFlight: (_scope, local: SingleFlight) => local,
    rateLimiter: (scope, local): RateLimiter => ({
      acquire: (signal) =>
        call('rateLimiter', 'acquire', { namespace: scope.namespace, budget: scope.budget }, async () => ({
          waited: await local.acquire(signal),
        })).then((answer) => answer.waited),
      close: (reason) => local.close?.(reason),
    }),
    status,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      state = 'closed';
    },
  };
}
