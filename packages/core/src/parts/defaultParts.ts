import {
  createMemoryCacheStore,
  createMemorySingleFlight,
  createPantherClient,
  createTokenBucketRateLimiter,
} from '@mcp-panther/client';
import { fileAuditSink, loggerAuditSink } from '../audit/auditSink.js';
import { createLogger, fileSink, stderrSink } from '../logging/createLogger.js';
import { maskUrlCredentials } from '../security/redact.js';
import { TRANSPORTS } from '../transport/registry.js';
import { clientOptions, requestBudget } from './clientOptions.js';
import { connectFromConfig } from './connectFromConfig.js';
import type { HostParts } from './types.js';

const defaults: HostParts = {
  logger: ({ config, redact }) =>
    createLogger({
      level: config.logging.level,
      format: config.logging.format,
      sink: config.logging.file ? fileSink(config.logging.file) : stderrSink(),
      // Secrets by value, and user-info in any URL a line mentions.
      redact: (text) => maskUrlCredentials(redact.text(text)),
    }),
  connect: connectFromConfig,
  auditSink: ({ config, logger }) =>
    config.logging.auditFile
      ? fileAuditSink(config.logging.auditFile)
      : loggerAuditSink(logger.child({ audit: true })),
  cacheStore: ({ config }) => createMemoryCacheStore({ maxEntries: config.client.cache.maxEntries }),
  singleFlight: () => createMemorySingleFlight(),
  rateLimiter: ({ config, share }) => createTokenBucketRateLimiter(requestBudget(config, share)),
  // A backend package gives this part, with its config section (the CLI's `redis`).
  sharedStore: () => undefined,
  pantherClient: ({ config, logger, target, token, cacheStore, singleFlight, rateLimiter, onUpstreamCall }) =>
    createPantherClient({
      urls: { rest: target.rest, graphql: target.graphql },
      token,
      ...clientOptions(config, logger),
      cacheStore,
      singleFlight,
      rateLimiter,
      onUpstreamCall,
    }),
  upstreamObservers: () => [],
  httpRoutes: () => [],
  callHooks: ({ defaults }) => defaults,
  // The JOSE library and the introspection client are imported only when HTTP callers are checked.
  accessTokenVerifier: ({ oauth, introspectionSecret }) =>
    import('../auth/defaultVerifier.js').then((verifiers) =>
      verifiers.createDefaultVerifier(oauth, { introspectionSecret }),
    ),
  transports: TRANSPORTS,
};

/** What a host uses when neither `CreateHostOptions.parts` nor the config says otherwise: everything in process. */
export const DEFAULT_PARTS: Readonly<HostParts> = Object.freeze(defaults);
