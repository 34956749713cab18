import type { UpstreamCallObserver } from './observe/upstreamCallEvent.js';
import type { CacheStore, RateLimiter, SingleFlight } from './state/types.js';
import type { CacheKind, PantherUrls } from './types.js';
import { DEFAULT_USER_AGENT } from './version.js';

/** Same shape as core's `Logger` (minus `child`), so the host can pass its logger straight in. */
export interface ClientLogger {
  /**
   * The lowest level written, when the logger knows it: below `debug` the client skips building the fields of
   * its per-call debug lines. Unknown: every line is built.
   */
  readonly level?: 'debug' | 'info' | 'warn' | 'error' | undefined;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Environment variables the client reads (proxy settings); defaults to `process.env`. */
export type ClientEnv = Readonly<Record<string, string | undefined>>;

export interface PantherCacheOptions {
  /** Default `true`. When false nothing is cached (identical reads in flight are still coalesced). */
  enabled?: boolean | undefined;
  /** Default 500. */
  maxEntries?: number | undefined;
  /** TTL per kind of data, merged over `DEFAULT_CACHE_TTL_MS`. `0` means not cached. */
  ttlMs?: Partial<Record<CacheKind, number>> | undefined;
}

export interface PantherClientOptions {
  urls: PantherUrls;
  /** Sent as `X-API-Key`; never logged and never part of an error. */
  token: string;
  /** Per-call timeout (queueing, retries and waits included). Default 30 s. */
  timeoutMs?: number | undefined;
  /** Most calls in flight upstream at once. Default 8. */
  concurrency?: number | undefined;
  /** Most calls started per second, sustained. Default 20; `Infinity` turns the limit off. */
  requestsPerSecond?: number | undefined;
  /** Calls that may start at once when the client has been idle (token-bucket size). Default: requestsPerSecond. */
  burst?: number | undefined;
  /** Retries of idempotent reads after network errors and 5xx. Default 2. */
  maxRetries?: number | undefined;
  /** Base of the jittered exponential backoff between retries. Default 200 ms. */
  retryBaseDelayMs?: number | undefined;
  /** Longest 429 wait the client accepts; a longer `Retry-After` fails at once with RATE_LIMITED. Default 30 s. */
  maxRetryAfterMs?: number | undefined;
  /** How many 429 answers one call waits out before giving up with RATE_LIMITED. Default 3. */
  maxRateLimitRetries?: number | undefined;
  cache?: PantherCacheOptions | undefined;
  /**
   * Where cached reads live. Default: an in-memory LRU of `cache.maxEntries` entries. A given store is used as
   * is (never closed by the client); with `cache.enabled: false` nothing is cached either way.
   */
  cacheStore?: CacheStore | undefined;
  /**
   * What paces calls toward Panther. Default: a token bucket of `requestsPerSecond` and `burst`. A given one
   * replaces both options and is never closed by the client.
   */
  rateLimiter?: RateLimiter | undefined;
  /** What lets identical reads in flight share one call. Default: in memory; a given one is never closed. */
  singleFlight?: SingleFlight | undefined;
  /**
   * How long the client waits on a `cacheStore` or `singleFlight` operation before it carries on without the
   * part (a miss, or running the call itself). Default 250 ms.
   */
  partTimeoutMs?: number | undefined;
  /**
   * Largest answer body read from Panther, after decompression. A larger one is cut off and the call fails
   * with RESPONSE_TOO_LARGE (never retried). Default 16 MiB.
   */
  maxResponseBytes?: number | undefined;
  /** Default `mcp-panther/<client version> (Node.js)`. */
  userAgent?: string | undefined;
  logger?: ClientLogger | undefined;
  /**
   * Told about every attempt sent to Panther, after it ends: operation, status or code, duration, attempt
   * number, and the caller's signal (for metrics and trace spans). Unset: nothing is timed or built for it.
   */
  onUpstreamCall?: UpstreamCallObserver | undefined;
  /** A fetch to use instead of the client's own (undici, proxy-aware); tests and embedding only. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Where HTTP_PROXY/HTTPS_PROXY/NO_PROXY are read. Default `process.env`. */
  env?: ClientEnv | undefined;
}

export const DEFAULT_CACHE_TTL_MS: Readonly<Record<CacheKind, number>> = Object.freeze({
  catalog: 5 * 60_000,
  detections: 60_000,
  alerts: 15_000,
  metrics: 60_000,
  identity: 5 * 60_000,
  none: 0,
});

export const DEFAULT_CLIENT_OPTIONS = Object.freeze({
  timeoutMs: 30_000,
  concurrency: 8,
  requestsPerSecond: 20,
  maxRetries: 2,
  retryBaseDelayMs: 200,
  maxRetryAfterMs: 30_000,
  maxRateLimitRetries: 3,
  cache: Object.freeze({ enabled: true, maxEntries: 500, ttlMs: DEFAULT_CACHE_TTL_MS }),
  partTimeoutMs: 250,
  maxResponseBytes: 16 * 1024 * 1024,
  userAgent: DEFAULT_USER_AGENT,
});

/** Options with every default filled in and every value checked. */
export interface ResolvedClientOptions {
  urls: PantherUrls;
  token: string;
  timeoutMs: number;
  concurrency: number;
  requestsPerSecond: number;
  burst: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
  maxRateLimitRetries: number;
  cache: { enabled: boolean; maxEntries: number; ttlMs: Readonly<Record<CacheKind, number>> };
  cacheStore: CacheStore | undefined;
  rateLimiter: RateLimiter | undefined;
  singleFlight: SingleFlight | undefined;
  partTimeoutMs: number;
  maxResponseBytes: number;
  userAgent: string;
  logger: ClientLogger;
  onUpstreamCall: UpstreamCallObserver | undefined;
  fetch: typeof globalThis.fetch | undefined;
  env: ClientEnv;
}

const silentLogger: ClientLogger = { level: 'error', debug() {}, info() {}, warn() {}, error() {} };

export function resolveClientOptions(options: PantherClientOptions): ResolvedClientOptions {
  const d = DEFAULT_CLIENT_OPTIONS;
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new TypeError('A Panther API token is required');
  }
  assertHttpUrl('urls.rest', options.urls?.rest);
  assertHttpUrl('urls.graphql', options.urls?.graphql);
  const ttlMs = { ...DEFAULT_CACHE_TTL_MS, ...options.cache?.ttlMs };
  for (const [kind, ttl] of Object.entries(ttlMs)) nonNegative(`cache.ttlMs.${kind}`, ttl);
  return {
    urls: { rest: options.urls.rest.replace(/\/+$/, ''), graphql: options.urls.graphql },
    token: options.token,
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? d.timeoutMs),
    concurrency: positiveInteger('concurrency', options.concurrency ?? d.concurrency),
    requestsPerSecond: positive('requestsPerSecond', options.requestsPerSecond ?? d.requestsPerSecond, true),
    burst: positive(
      'burst',
      options.burst ?? Math.max(1, Math.floor(options.requestsPerSecond ?? d.requestsPerSecond)),
      true,
    ),
    maxRetries: nonNegative('maxRetries', options.maxRetries ?? d.maxRetries),
    retryBaseDelayMs: nonNegative('retryBaseDelayMs', options.retryBaseDelayMs ?? d.retryBaseDelayMs),
    maxRetryAfterMs: nonNegative('maxRetryAfterMs', options.maxRetryAfterMs ?? d.maxRetryAfterMs),
    maxRateLimitRetries: nonNegative(
      'maxRateLimitRetries',
      options.maxRateLimitRetries ?? d.maxRateLimitRetries,
    ),
    cache: {
      enabled: options.cache?.enabled ?? d.cache.enabled,
      maxEntries: positiveInteger('cache.maxEntries', options.cache?.maxEntries ?? d.cache.maxEntries),
      ttlMs,
    },
    cacheStore: part('cacheStore', options.cacheStore, ['get', 'versions', 'set', 'delete', 'invalidate']),
    rateLimiter: part('rateLimiter', options.rateLimiter, ['acquire']),
    singleFlight: part('singleFlight', options.singleFlight, ['run', 'forget']),
    partTimeoutMs: positive('partTimeoutMs', options.partTimeoutMs ?? d.partTimeoutMs),
    maxResponseBytes: positiveInteger('maxResponseBytes', options.maxResponseBytes ?? d.maxResponseBytes),
    userAgent: options.userAgent ?? d.userAgent,
    logger: options.logger ?? silentLogger,
    onUpstreamCall: observer(options.onUpstreamCall),
    fetch: options.fetch,
    env: options.env ?? process.env,
  };
}

export function assertHttpUrl(name: string, value: unknown): asserts value is string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  // The value is not echoed: a URL can carry credentials.
  if (url === undefined) throw new TypeError(`${name} must be an absolute http(s) URL`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${name} must use http or https, not ${url.protocol}`);
  }
}

/** A given part, checked to have the methods its interface needs. */
function part<T extends object>(
  name: string,
  value: T | undefined,
  methods: readonly string[],
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${name} must be an object with the methods ${methods.join(', ')}`);
  }
  const missing = methods.filter(
    (method) => typeof (value as Record<string, unknown>)[method] !== 'function',
  );
  if (missing.length > 0) throw new TypeError(`${name} lacks the methods ${missing.join(', ')}`);
  return value;
}

function observer(value: UpstreamCallObserver | undefined): UpstreamCallObserver | undefined {
  if (value !== undefined && typeof value !== 'function')
    throw new TypeError('onUpstreamCall must be a function');
  return value;
}

export function positive(name: string, value: number, allowInfinity = false): number {
  if (!(value > 0) || (!allowInfinity && !Number.isFinite(value))) {
    throw new RangeError(`${name} must be a positive number`);
  }
  return value;
}

export function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be zero or more`);
  return value;
}
