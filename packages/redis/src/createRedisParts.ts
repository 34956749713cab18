import type { CacheStore, RateLimiter, SingleFlight } from '@mcp-panther/client';
import { createRedisCacheStore } from './cache/redisCacheStore.js';
import { closeConnection, createConnection } from './connection/createConnection.js';
import { createHealth, type HealthCounters } from './connection/health.js';
import { maskRedisUrl, urlSecrets } from './connection/redisUrl.js';
import { namespacedKeys } from './keys.js';
import { type RedisPartsOptions, type RedisState, resolveRedisOptions } from './options.js';
import { createRedisRateLimiter } from './rateLimit/redisRateLimiter.js';
import { createFlightNotices } from './singleFlight/flightNotices.js';
import { createRedisSingleFlight } from './singleFlight/redisSingleFlight.js';

export interface RedisPartsStats extends HealthCounters {
  readonly state: RedisState;
  /** Single-flight calls answered with another replica's upstream call. */
  readonly remoteJoins: number;
  /** Single-flight calls this process led across replicas. */
  readonly leads: number;
  /** Single-flight calls waiting right now for another replica's upstream call. */
  readonly following: number;
}

export interface RedisParts {
  readonly cacheStore: CacheStore;
  readonly rateLimiter: RateLimiter;
  readonly singleFlight: SingleFlight;
  /** `connecting` until the first connection, `up` while Redis is in use, `down` while the local parts serve. */
  readonly state: RedisState;
  /** Counters for metrics: outages, rejoins, calls served locally per part, single-flight joins. */
  stats(): RedisPartsStats;
  /** Resolves `true` once Redis is in use, `false` if it is not within `ms` (the parts work either way). */
  whenReady(ms?: number): Promise<boolean>;
  /** Closes the parts (and the local parts they were given) and the Redis connections. */
  close(reason?: unknown): Promise<void>;
}

/**
 * The client's three swappable parts backed by one Redis, shared by every replica that uses the same namespace.
 * Nothing fails because of Redis: when it is down or slow each part serves its local fallback (one warning per
 * outage, counted) and rejoins when Redis answers again.
 */
export function createRedisParts(options: RedisPartsOptions): RedisParts {
  const resolved = resolveRedisOptions(options);
  const { timeouts, logger } = resolved;
  const keys = namespacedKeys(resolved.namespace);
  const redis = createConnection({
    url: resolved.url,
    connectTimeoutMs: timeouts.connectMs,
    name: 'mcp-panther',
  });
  const subscriber = createConnection({
    url: resolved.url,
    connectTimeoutMs: timeouts.connectMs,
    name: 'mcp-panther-notices',
  });
  const health = createHealth({
    redis,
    logger,
    displayUrl: maskRedisUrl(resolved.url),
    secrets: urlSecrets(resolved.url),
    probeIntervalMs: timeouts.probeIntervalMs,
    probeTimeoutMs: Math.max(timeouts.cacheMs, timeouts.singleFlightMs, timeouts.rateLimiterMs),
    rejoinTimeoutMs: timeouts.connectMs,
    onStateChange: resolved.onStateChange,
  });
  const channel = keys.key('sf', 'done');
  const cacheStore = createRedisCacheStore({
    health,
    keys,
    local: resolved.local.cacheStore,
    timeoutMs: timeouts.cacheMs,
  });
  const rateLimiter = createRedisRateLimiter({
    health,
    keys,
    local: resolved.local.rateLimiter,
    requestsPerSecond: resolved.requestsPerSecond,
    burst: resolved.burst,
    timeoutMs: timeouts.rateLimiterMs,
  });
  const singleFlight = createRedisSingleFlight({
    health,
    keys,
    local: resolved.local.singleFlight,
    notices: createFlightNotices(subscriber, channel),
    channel,
    leaseMs: resolved.singleFlightLeaseMs,
    timeoutMs: timeouts.singleFlightMs,
  });
  let closing: Promise<void> | undefined;

  return {
    cacheStore,
    rateLimiter,
    singleFlight,
    get state() {
      return health.state;
    },
    stats: () => ({
      ...health.counters,
      fallbacks: { ...health.counters.fallbacks },
      state: health.state,
      remoteJoins: singleFlight.stats.remoteJoins,
      leads: singleFlight.stats.leads,
      following: singleFlight.stats.following,
    }),
    whenReady: (ms = timeouts.connectMs) => health.whenUp(ms),
    close(reason) {
      closing ??= (async () => {
        health.close();
        await Promise.allSettled([cacheStore.close?.(), rateLimiter.close?.(reason), singleFlight.close?.()]);
        await Promise.all([
          closeConnection(redis, timeouts.connectMs),
          closeConnection(subscriber, timeouts.connectMs),
        ]);
      })();
      return closing;
    },
  };
}
