import type { CacheStore, RateLimiter, SingleFlight } from '@mcp-panther/client';
import { openBackend, type RedisStats } from './createRedisBackend.js';
import { type RedisClientStateOptions, type RedisState, resolveRedisOptions } from './options.js';

export type { RedisStats } from './createRedisBackend.js';

export interface RedisClientState {
  readonly cacheStore: CacheStore;
  readonly rateLimiter: RateLimiter;
  readonly singleFlight: SingleFlight;
  /** `connecting` until the first connection, `up` while Redis is in use, `down` while the local parts serve. */
  readonly state: RedisState;
  /** Counters for metrics: outages, rejoins, calls served locally per part, single-flight joins. */
  stats(): RedisStats;
  /** Resolves `true` once Redis is in use, `false` if it is not within `ms` (the parts work either way). */
  whenReady(ms?: number): Promise<boolean>;
  /** Closes the parts (and the local parts they were given) and the Redis connections. */
  close(reason?: unknown): Promise<void>;
}

/**
 * The client's three swappable parts backed by one Redis, shared by every replica that uses the same namespace.
 * Nothing fails because of Redis: when it is down or slow each part serves its local fallback (one warning per
 * outage, counted) and rejoins when Redis answers again. (A host with several namespaces uses one
 * `createRedisBackend` for all of them.)
 */
export function createRedisClientState(options: RedisClientStateOptions): RedisClientState {
  const resolved = resolveRedisOptions(options);
  const { namespace, local } = resolved;
  const backend = openBackend(options, 'createRedisClientState');
  const cacheStore = backend.cacheStore({ namespace, local: local.cacheStore });
  const rateLimiter = backend.rateLimiter({
    namespace,
    local: local.rateLimiter,
    rateLimit: { requestsPerSecond: resolved.requestsPerSecond, burst: resolved.burst },
  });
  const singleFlight = backend.singleFlight({ namespace, local: local.singleFlight });
  let closing: Promise<void> | undefined;

  return {
    cacheStore,
    rateLimiter,
    singleFlight,
    get state() {
      return backend.state;
    },
    stats: () => backend.stats(),
    whenReady: (ms) => backend.whenReady(ms),
    close(reason) {
      closing ??= (async () => {
        await Promise.allSettled([cacheStore.close?.(), rateLimiter.close?.(reason), singleFlight.close?.()]);
        await backend.close();
      })();
      return closing;
    },
  };
}
