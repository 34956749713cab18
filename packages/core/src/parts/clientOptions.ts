import type { PantherClientOptions } from '@mcp-panther/client';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import type { RequestBudget } from '../sharedStore/types.js';

const CACHE_KINDS = ['catalog', 'detections', 'alerts', 'metrics', 'identity'] as const;

/** The client options the config describes (the parts — cache, limiter, single-flight — come separately). */
export function clientOptions(
  config: HostConfig,
  logger: Logger,
): Pick<PantherClientOptions, 'timeoutMs' | 'concurrency' | 'maxRetries' | 'cache' | 'logger'> {
  const { cache } = config.client;
  return {
    timeoutMs: config.client.timeoutMs,
    concurrency: config.client.concurrency,
    maxRetries: config.client.maxRetries,
    cache: {
      enabled: cache.enabled,
      maxEntries: cache.maxEntries,
      ...(cache.ttlMs === undefined
        ? {}
        : { ttlMs: Object.fromEntries(CACHE_KINDS.map((k) => [k, cache.ttlMs])) }),
    },
    logger,
  };
}

/**
 * The request budget toward Panther: `client.requestsPerSecond`, and `burst` (default: the rate, at least 1); with
 * a `share` below 1, that part of both (a burst of at least 1).
 */
export function requestBudget(config: HostConfig, share = 1): RequestBudget {
  const { requestsPerSecond, burst } = config.client;
  const fullBurst = burst ?? Math.max(1, Math.floor(requestsPerSecond));
  return { requestsPerSecond: requestsPerSecond * share, burst: Math.max(1, Math.floor(fullBurst * share)) };
}
