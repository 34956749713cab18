import { createPantherClient, type PantherClient, resolvePantherUrls } from '@mcp-panther/client';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';

const CACHE_KINDS = ['catalog', 'detections', 'alerts', 'metrics', 'identity'] as const;

/** The client options the config describes. */
export function clientOptions(config: HostConfig, logger: Logger) {
  const { cache } = config.client;
  return {
    timeoutMs: config.client.timeoutMs,
    concurrency: config.client.concurrency,
    requestsPerSecond: config.client.requestsPerSecond,
    burst: config.client.burst,
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

/** Resolves the URLs (instance discovery, overrides) and makes the shared client. */
export async function createDefaultClient(
  config: HostConfig,
  token: string,
  logger: Logger,
): Promise<PantherClient> {
  const urls = await resolvePantherUrls({
    instanceUrl: config.panther.instanceUrl,
    restUrl: config.panther.restUrl,
    graphqlUrl: config.panther.graphqlUrl,
    timeoutMs: config.client.timeoutMs,
    logger,
  });
  return createPantherClient({ urls, token, ...clientOptions(config, logger) });
}

/** A client for known URLs (the sandbox). */
export function createClientFor(
  config: HostConfig,
  urls: { rest: string; graphql: string },
  token: string,
  logger: Logger,
): PantherClient {
  return createPantherClient({ urls, token, ...clientOptions(config, logger) });
}
