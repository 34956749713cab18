import {
  type Logger,
  McpHostError,
  maskUrlCredentials,
  type SharedStore,
  type SharedStoreStatus,
} from '@mcp-panther/core';
import { createRedisBackend } from '../createRedisBackend.js';
import type { RedisStateChange } from '../options.js';
import { isRedisAuthError, REDIS_CREDENTIALS_FIX } from './checkRedis.js';
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
  // Until Redis is up, or it refuses the credentials: a wrong password is a configuration error, not an outage,
  // and waiting will not mend it.
  let refused: (() => void) | undefined;
  const authFailed = new Promise<void>((resolve) => {
    refused = resolve;
    if (reason !== undefined && isRedisAuthError(reason)) resolve();
  });
  listeners.add(function onAuthFailure(now) {
    if (now.state === 'down' && now.reason !== undefined && isRedisAuthError(now.reason)) refused?.();
    if (now.state !== 'connecting') listeners.delete(onAuthFailure);
  });
  await Promise.race([backend.whenReady(), authFailed]);
  if (backend.stats().state !== 'up' && reason !== undefined && isRedisAuthError(reason)) {
    await backend.close();
    throw new McpHostError(
      'CONFIG_INVALID',
      `Invalid configuration: redis.url (or MCP_PANTHER_REDIS_URL): Redis at ${maskUrlCredentials(url)} refused the credentials (${reason.replace(/\.$/, '')}).\nFix: ${REDIS_CREDENTIALS_FIX}`,
    );
  }
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
