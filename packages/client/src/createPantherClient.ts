import { setMaxListeners } from 'node:events';
import { stableStringify } from './cache/stableKey.js';
import { clientError } from './errors.js';
import { createExecutor } from './execute/executor.js';
import { createOperations } from './execute/operations.js';
import { operationInfo } from './graphql/operationInfo.js';
import { createGraphQLSender } from './graphql/sendGraphQLRequest.js';
import { createUpstreamHttp } from './http/upstreamHttp.js';
import { createConcurrencyGate } from './limits/concurrencyGate.js';
import { type PantherClientOptions, resolveClientOptions } from './options.js';
import { buildRestUrl, defaultCacheKind, restTags, urlTooLong } from './rest/restPaths.js';
import { sendRestRequest } from './rest/sendRestRequest.js';
import { guardCacheStore } from './state/guard/guardCacheStore.js';
import { guardRateLimiter } from './state/guard/guardRateLimiter.js';
import { guardSingleFlight } from './state/guard/guardSingleFlight.js';
import { createPartMonitor } from './state/guard/monitor.js';
import { createMemoryCacheStore } from './state/memoryCacheStore.js';
import { createMemorySingleFlight } from './state/memorySingleFlight.js';
import { createTokenBucketRateLimiter } from './state/tokenBucketRateLimiter.js';
import {
  type CacheKind,
  type ClientStats,
  emptyClientStats,
  type GraphQLRequestOptions,
  type PantherClient,
  type RestRequest,
} from './types.js';

/**
 * The Panther client: REST and GraphQL behind one concurrency limit, one rate limiter, one cache store and one
 * single flight (in memory unless the options give others). Every call has a timeout and honours the caller's
 * signal; every failure is a `PantherApiError`; a failing part is passed by, never a failed call.
 */
export function createPantherClient(options: PantherClientOptions): PantherClient {
  const o = resolveClientOptions(options);
  const stats: ClientStats = emptyClientStats();
  const upstream = createUpstreamHttp({ fetch: o.fetch, env: o.env });
  // Parts the client builds are its own to close; given ones belong to whoever gave them.
  const owned: { close?(reason?: unknown): unknown }[] = [];
  const own = <T extends { close?(reason?: unknown): unknown }>(part: T): T => {
    owned.push(part);
    return part;
  };
  const rateLimiter =
    o.rateLimiter ??
    own(createTokenBucketRateLimiter({ requestsPerSecond: o.requestsPerSecond, burst: o.burst }));
  const cacheStore = o.cache.enabled
    ? (o.cacheStore ?? own(createMemoryCacheStore({ maxEntries: o.cache.maxEntries })))
    : undefined;
  const singleFlight = o.singleFlight ?? own(createMemorySingleFlight());
  const monitor = createPartMonitor({ logger: o.logger, stats });
  // Aborted by close(): calls still running end with ABORTED, whichever parts they are waiting on.
  const lifetime = new AbortController();
  // One listener per running call; hundreds at once are expected, not a leak.
  setMaxListeners(0, lifetime.signal);
  const closedError = () => clientError('ABORTED', 'The Panther client was closed');
  const operations = createOperations({
    executor: createExecutor({
      gate: createConcurrencyGate(o.concurrency),
      rateLimiter: guardRateLimiter(rateLimiter, monitor),
      stats,
      logger: o.logger,
      retry: o,
      onUpstreamCall: o.onUpstreamCall,
    }),
    cache: cacheStore === undefined ? undefined : guardCacheStore(cacheStore, monitor, o.partTimeoutMs),
    flights: guardSingleFlight(singleFlight, monitor, o.partTimeoutMs),
    stats,
    closing: lifetime.signal,
  });
  const headers = { 'X-API-Key': o.token, 'User-Agent': o.userAgent, Accept: 'application/json' };
  const sendGraphQL = createGraphQLSender({
    url: o.urls.graphql,
    fetch: upstream.fetch,
    headers,
    secret: o.token,
    maxResponseBytes: o.maxResponseBytes,
  });
  const graphqlPath = new URL(o.urls.graphql).pathname;
  const ttlFor = (kind: CacheKind) => (o.cache.enabled ? o.cache.ttlMs[kind] : 0);
  let closed = false;

  const assertOpen = () => {
    if (closed) throw closedError();
  };

  if (upstream.proxied) o.logger.info('panther client uses the proxy from HTTP_PROXY/HTTPS_PROXY');

  return {
    urls: o.urls,

    get stats() {
      return { ...stats };
    },

    async rest<T = unknown>(request: RestRequest): Promise<T> {
      assertOpen();
      // Imports needed by the first request happen before the call's timeout starts.
      if (!upstream.loaded) {
        await upstream.load();
        assertOpen();
      }
      const { method, path } = request;
      if (method === 'GET' && request.body !== undefined)
        throw new TypeError('A GET request cannot have a body');
      const tags = restTags(path, request.tags);
      const limits = { signal: request.signal, timeoutMs: request.timeoutMs ?? o.timeoutMs };
      const url = buildRestUrl(o.urls.rest, path, request.query);
      const refused = urlTooLong(url, request.query);
      if (refused !== undefined) throw refused;
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      const requestHeaders =
        body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' };
      const call = {
        describe: { api: 'rest', method, path } as const,
        origin: request.signal,
        idempotent: method === 'GET',
        send: (signal: AbortSignal) =>
          sendRestRequest(
            upstream.request,
            { url, method, headers: requestHeaders, body, maxBodyBytes: o.maxResponseBytes },
            signal,
            o.token,
          ),
      };
      if (method !== 'GET') return (await operations.write({ tags, call }, limits)) as T;
      const key = `GET ${buildRestUrl(o.urls.rest, path, request.query, { sortKeys: true })}`;
      const ttlMs = ttlFor(request.cacheKind ?? defaultCacheKind(path));
      return (await operations.read({ key, tags, ttlMs, call }, limits)) as T;
    },

    async graphql<T = unknown, V extends object = Record<string, unknown>>(
      document: string,
      variables?: V,
      callOptions: GraphQLRequestOptions = {},
    ): Promise<T> {
      assertOpen();
      if (!sendGraphQL.loaded || !upstream.loaded) {
        await Promise.all([sendGraphQL.load(), upstream.load()]);
        assertOpen();
      }
      const info = operationInfo(document);
      const isQuery = (callOptions.kind ?? (info.isMutation ? 'mutation' : 'query')) === 'query';
      const tags = [...new Set(callOptions.tags ?? [])];
      const limits = { signal: callOptions.signal, timeoutMs: callOptions.timeoutMs ?? o.timeoutMs };
      const call = {
        describe: {
          api: 'graphql',
          method: 'POST',
          path: graphqlPath,
          operation: info.operationName,
        } as const,
        origin: callOptions.signal,
        idempotent: isQuery,
        send: (signal: AbortSignal) => sendGraphQL.send(document, variables, signal),
      };
      if (!isQuery) return (await operations.write({ tags, call }, limits)) as T;
      const key = `GRAPHQL ${document}\n${stableStringify(variables ?? {})}`;
      const ttlMs = ttlFor(callOptions.cacheKind ?? 'none');
      return (await operations.read({ key, tags, ttlMs, call }, limits)) as T;
    },

    invalidate(tags: readonly string[]) {
      // The built-in store drops the entries at once; a remote one is given partTimeoutMs in the background.
      void operations.invalidate(tags);
    },

    async close() {
      if (closed) return;
      closed = true;
      const reason = closedError();
      lifetime.abort(reason);
      await Promise.allSettled(owned.map(async (part) => part.close?.(reason)));
      await upstream.close();
    },
  };
}
