import { type Logger, maskUrlCredentials, type SharedStore, type SharedStoreStatus } from '@mcp-panther/core';
import { createRedisBackend } from '../createRedisBackend.js';
import type { RedisStateChange } from '../options.js';
import type { RedisConfig } from './section.js';

/**
 * The host's shared store on Redis: one backend (two connections) for every Panther token and instance the host
 * talks to. Cache entries and in-flight reads are kept per token scope, the request budget per instance (the
 * host's `client.requestsPerSecond` and `burst` for all replicas together). Waits at most the connect timeout for
 * Redis at start-up, so the first calls are shared too; it serves locally until then either way.
 */
export async function createRedisSharedStore(ctx: {
  readonly config: RedisConfig;
  readonly logger: Logger;
}): Promise<SharedStore> {
  const { url, replicas } = ctx.config;
  const listeners = new Set<(status: SharedStoreStatus) => void>();
  let reason: string | undefined;
  const backend = createRedisBackend({
    url,
    logger: ctx.logger.child({ component: 'redis' }),
    onStateChange: (change: RedisStateChange) => {
      if (change.state === 'down') reason = change.reason;
      const now = status();
      for (const listener of [...listeners]) listener(now);
    },
  });
  const status = (): SharedStoreStatus => {
    const stats = backend.stats();
    return {
      kind: 'redis',
      // Masked as every URL in the host's logs is, so that one spelling shows everywhere.
      location: maskUrlCredentials(url),
      state: stats.state,
      ...(reason === undefined ? {} : { reason }),
      outages: stats.outages,
      rejoins: stats.rejoins,
      fallbacks: stats.fallbacks,
      remoteJoins: stats.remoteJoins,
      following: stats.following,
    };
  };
  await backend.whenReady();
  return {
    localShare: 1 / replicas,
    cacheStore: (scope, local) => backend.cacheStore({ namespace: scope.namespace, local }),
    singleFlight: (scope, local) => backend.singleFlight({ namespace: scope.namespace, local }),
    rateLimiter: (scope, local) =>
      backend.rateLimiter({ namespace: scope.namespace, local, rateLimit: scope.budget }),
    status,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => backend.close(),
  };
}
