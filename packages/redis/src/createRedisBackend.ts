import type { CacheStore, RateLimiter, SingleFlight } from '@mcp-panther/client';
import { createRedisCacheStore } from './cache/redisCacheStore.js';
import { closeConnection, createConnection } from './connection/createConnection.js';
import { createHealth, type HealthCounters } from './connection/health.js';
import { maskRedisUrl, urlSecrets } from './connection/redisUrl.js';
import { namespacedKeys } from './keys.js';
import {
  checkLocalPart,
  checkNamespace,
  type RateLimitOptions,
  type RedisBackendOptions,
  type RedisState,
  resolveBackendOptions,
  resolveRateLimit,
} from './options.js';
import { createRedisRateLimiter } from './rateLimit/redisRateLimiter.js';
import { createFlightNotices } from './singleFlight/flightNotices.js';
import { createRedisSingleFlight } from './singleFlight/redisSingleFlight.js';

export interface RedisStats extends HealthCounters {
  readonly state: RedisState;
  /** Single-flight calls answered with another replica's upstream call. */
  readonly remoteJoins: number;
  /** Single-flight calls this process led across replicas. */
  readonly leads: number;
  /** Single-flight calls waiting right now for another replica's upstream call. */
  readonly following: number;
}

/** Where a part keeps its keys, and what it serves while Redis is unusable. */
export interface RedisStoreOptions<Local> {
  /** Letters, digits and `. _ : -`, at most 200 characters; never derived from a token's value alone. */
  readonly namespace: string;
  readonly local: Local;
}

/**
 * One Redis (two connections: commands and notices) and its health, shared by any number of parts in any
 * number of namespaces: a host makes one cache store and single-flight per Panther token and one rate limiter
 * per Panther instance, all on the same connections, with one warning per outage.
 */
export interface RedisBackend {
  cacheStore(options: RedisStoreOptions<CacheStore>): CacheStore;
  singleFlight(options: RedisStoreOptions<SingleFlight>): SingleFlight;
  /** The budget holds for every replica using the same namespace. Defaults: the client's (20 per second). */
  rateLimiter(
    options: RedisStoreOptions<RateLimiter> & { readonly rateLimit?: RateLimitOptions },
  ): RateLimiter;
  /** The URL with its user name and password masked. */
  readonly displayUrl: string;
  /** `connecting` until the first connection, `up` while Redis is in use, `down` while the local parts serve. */
  readonly state: RedisState;
  /** Counters for metrics: outages, rejoins, calls served locally per part, single-flight joins. */
  stats(): RedisStats;
  /** Resolves `true` once Redis is in use, `false` if it is not within `ms` (the parts work either way). */
  whenReady(ms?: number): Promise<boolean>;
  /** Closes the connections. Close the parts first: each closes its local part and wakes its waiters. */
  close(): Promise<void>;
}

/**
 * Connects to Redis (without waiting) and hands out Redis-backed parts. Nothing fails because of Redis: when it
 * is down or slow each part serves its local fallback (one warning per outage, counted) and rejoins when Redis
 * answers again.
 */
export function createRedisBackend(options: RedisBackendOptions): RedisBackend {
  return openBackend(options, 'createRedisBackend');
}

export function openBackend(options: RedisBackendOptions, who: string): RedisBackend {
  const resolved = resolveBackendOptions(options, who);
  const { timeouts, logger } = resolved;
  const displayUrl = maskRedisUrl(resolved.url);
  const redis = createConnection({
    url: resolved.url,
    connectTimeoutMs: timeouts.connectMs,
    name: 'mcp-panther',
  });
  const subscriber = createConnection({
    url: resolved.url,
    connectTimeoutMs: timeouts.connectMs,
    name: 'mcp-panther-notices',
    resubscribesItself: true,
  });
  const health = createHealth({
    redis,
    logger,
    displayUrl,
    secrets: urlSecrets(resolved.url),
    probeIntervalMs: timeouts.probeIntervalMs,
    probeTimeoutMs: Math.max(timeouts.cacheMs, timeouts.singleFlightMs, timeouts.rateLimiterMs),
    rejoinTimeoutMs: timeouts.connectMs,
    onStateChange: resolved.onStateChange,
  });
  const notices = createFlightNotices(subscriber);
  const flights: { readonly stats: { remoteJoins: number; leads: number; following: number } }[] = [];
  const sum = (field: 'remoteJoins' | 'leads' | 'following') =>
    flights.reduce((total, flight) => total + flight.stats[field], 0);
  let closing: Promise<void> | undefined;

  return {
    cacheStore({ namespace, local }) {
      return createRedisCacheStore({
        health,
        keys: namespacedKeys(checkNamespace(namespace, who)),
        local: checkLocalPart('cacheStore', local, who),
        timeoutMs: timeouts.cacheMs,
      });
    },
    singleFlight({ namespace, local }) {
      const keys = namespacedKeys(checkNamespace(namespace, who));
      const flight = createRedisSingleFlight({
        health,
        keys,
        local: checkLocalPart('singleFlight', local, who),
        notices,
        channel: keys.key('sf', 'done'),
        leaseMs: resolved.singleFlightLeaseMs,
        timeoutMs: timeouts.singleFlightMs,
      });
      flights.push(flight);
      return flight;
    },
    rateLimiter({ namespace, local, rateLimit }) {
      const budget = resolveRateLimit(rateLimit, who);
      return createRedisRateLimiter({
        health,
        keys: namespacedKeys(checkNamespace(namespace, who)),
        local: checkLocalPart('rateLimiter', local, who),
        requestsPerSecond: budget.requestsPerSecond,
        burst: budget.burst,
        timeoutMs: timeouts.rateLimiterMs,
      });
    },
    displayUrl,
    get state() {
      return health.state;
    },
    stats: () => ({
      ...health.counters,
      fallbacks: { ...health.counters.fallbacks },
      state: health.state,
      remoteJoins: sum('remoteJoins'),
      leads: sum('leads'),
      following: sum('following'),
    }),
    whenReady: (ms = timeouts.connectMs) => health.whenUp(ms),
    close() {
      closing ??= (async () => {
        health.close();
        await Promise.all([
          closeConnection(redis, timeouts.connectMs),
          closeConnection(subscriber, timeouts.connectMs),
        ]);
      })();
      return closing;
    },
  };
}
