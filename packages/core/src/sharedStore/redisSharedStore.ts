import { createRedisBackend, type RedisStateChange } from '@mcp-panther/redis';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import { requestBudget } from '../parts/clientOptions.js';
import { maskUrlCredentials } from '../security/redact.js';
import { instanceNamespace, tokenNamespace } from './namespaces.js';
import type { SharedStore, SharedStoreStatus } from './types.js';

/**
 * The host's shared store on Redis: one backend (two connections) for every Panther token and instance the host
 * talks to. Cache entries and in-flight reads are kept per token scope, the request budget per instance
 * (`client.requestsPerSecond` and `burst` for all replicas together). Waits at most the connect timeout for
 * Redis at start-up, so the first calls are shared too; it serves locally until then either way.
 */
export async function createRedisSharedStore(ctx: {
  readonly config: HostConfig;
  readonly logger: Logger;
  readonly url: string;
}): Promise<SharedStore> {
  const listeners = new Set<(status: SharedStoreStatus) => void>();
  let reason: string | undefined;
  const backend = createRedisBackend({
    url: ctx.url,
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
      location: maskUrlCredentials(ctx.url),
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
    cacheStore: (scope, local) => backend.cacheStore({ namespace: tokenNamespace(scope), local }),
    singleFlight: (scope, local) => backend.singleFlight({ namespace: tokenNamespace(scope), local }),
    rateLimiter: (target, local) =>
      backend.rateLimiter({
        namespace: instanceNamespace(target),
        local,
        rateLimit: requestBudget(ctx.config),
      }),
    status,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => backend.close(),
  };
}
