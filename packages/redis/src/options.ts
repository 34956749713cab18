import type { CacheStore, ClientLogger, RateLimiter, SingleFlight } from '@mcp-panther/client';
import { DEFAULT_CLIENT_OPTIONS } from '@mcp-panther/client';

/** The in-process parts each Redis part falls back to while Redis is down or slow. */
export interface LocalParts {
  readonly cacheStore: CacheStore;
  readonly rateLimiter: RateLimiter;
  readonly singleFlight: SingleFlight;
}

/** Bounds on every Redis round trip, in milliseconds. */
export interface RedisTimeouts {
  /** Cache reads, writes and invalidations. Default 150. */
  readonly cacheMs?: number | undefined;
  /** Single-flight leases, results and polls. Default 150. */
  readonly singleFlightMs?: number | undefined;
  /** One token-bucket reservation. Default 200. */
  readonly rateLimiterMs?: number | undefined;
  /** Establishing a connection. Default 1000. */
  readonly connectMs?: number | undefined;
  /** How often a degraded part checks whether Redis answers again. Default 1000. */
  readonly probeIntervalMs?: number | undefined;
}

export type RedisState = 'connecting' | 'up' | 'down' | 'closed';

export interface RedisStateChange {
  readonly state: RedisState;
  readonly previous: RedisState;
  /** Why Redis was given up (a connection error or a timeout); never holds the URL's credentials. */
  readonly reason?: string | undefined;
}

export interface RedisPartsOptions {
  /** `redis://` or `rediss://`; may carry a password, which is never logged. */
  readonly url: string;
  /**
   * Prefix of every key, channel and bucket: derive it from the Panther instance and the token's permission set,
   * never from the token itself. Letters, digits and `. _ : -`, at most 200 characters.
   */
  readonly namespace: string;
  readonly local: LocalParts;
  readonly logger?: ClientLogger | undefined;
  readonly timeouts?: RedisTimeouts | undefined;
  /** The budget toward Panther shared by every replica. Defaults: the client's (20 per second, burst 20). */
  readonly rateLimit?:
    | { readonly requestsPerSecond?: number | undefined; readonly burst?: number | undefined }
    | undefined;
  /**
   * How long a single-flight leader's lease lasts without renewal (it renews it while its call runs): a follower
   * whose leader vanished runs the call itself after at most this long. Default 5000.
   */
  readonly singleFlightLeaseMs?: number | undefined;
  /** Called on every state change (connected, given up, back); wire it to metrics. */
  readonly onStateChange?: ((change: RedisStateChange) => void) | undefined;
}

export interface ResolvedRedisOptions {
  readonly url: string;
  readonly namespace: string;
  readonly local: LocalParts;
  readonly logger: ClientLogger;
  readonly timeouts: Required<{ [K in keyof RedisTimeouts]: number }>;
  readonly requestsPerSecond: number;
  readonly burst: number;
  readonly singleFlightLeaseMs: number;
  readonly onStateChange: (change: RedisStateChange) => void;
}

export class RedisPartsOptionsError extends Error {
  override readonly name = 'RedisPartsOptionsError';
}

const fail = (message: string): never => {
  throw new RedisPartsOptionsError(`createRedisParts: ${message}`);
};

const silentLogger: ClientLogger = { level: 'error', debug() {}, info() {}, warn() {}, error() {} };

export const DEFAULT_REDIS_TIMEOUTS = Object.freeze({
  cacheMs: 150,
  singleFlightMs: 150,
  rateLimiterMs: 200,
  connectMs: 1000,
  probeIntervalMs: 1000,
});

const NAMESPACE = /^[A-Za-z0-9_.:-]{1,200}$/;

function positive(name: string, value: unknown, fallback: number, max = 600_000): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    fail(`${name} must be a number of milliseconds above 0 and at most ${max}, got ${String(value)}`);
  }
  return value as number;
}

function checkUrl(url: unknown): string {
  if (typeof url !== 'string' || url.trim() === '')
    return fail('url must be a redis:// or rediss:// URL string');
  let protocol: string;
  try {
    protocol = new URL(url as string).protocol;
  } catch {
    // The URL may hold a password: say what is wrong without echoing it.
    return fail('url is not a valid URL (expected redis://[user:password@]host[:port][/db] or rediss://…)');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    fail(`url must use redis:// or rediss://, got ${protocol}//`);
  }
  return url as string;
}

function checkNamespace(namespace: unknown): string {
  if (typeof namespace !== 'string') return fail('namespace must be a string');
  if (!NAMESPACE.test(namespace as string)) {
    // Never echo the value: a caller who passed the API token by mistake must not see it in a log.
    const bad = [...(namespace as string)].find((c) => !/[A-Za-z0-9_.:-]/.test(c));
    fail(
      `namespace must be 1 to 200 characters of letters, digits and . _ : - (got ${(namespace as string).length} characters${bad === undefined ? '' : `, including ${JSON.stringify(bad)}`}); derive it from the Panther instance and the token's permission set, never from the token`,
    );
  }
  return namespace as string;
}

function checkLocal(local: unknown): LocalParts {
  const parts = local as Partial<LocalParts> | undefined;
  const has = (name: keyof LocalParts, method: string) =>
    typeof (parts?.[name] as unknown as Record<string, unknown> | undefined)?.[method] === 'function';
  if (!has('cacheStore', 'get') || !has('cacheStore', 'set') || !has('cacheStore', 'invalidate')) {
    fail('local.cacheStore must be a CacheStore (the in-process fallback)');
  }
  if (!has('rateLimiter', 'acquire'))
    fail('local.rateLimiter must be a RateLimiter (the in-process fallback)');
  if (!has('singleFlight', 'run') || !has('singleFlight', 'forget')) {
    fail('local.singleFlight must be a SingleFlight (the in-process fallback)');
  }
  return parts as LocalParts;
}

export function resolveRedisOptions(options: RedisPartsOptions): ResolvedRedisOptions {
  if (typeof options !== 'object' || options === null) return fail('options must be an object');
  const timeouts = options.timeouts ?? {};
  const rps = options.rateLimit?.requestsPerSecond ?? DEFAULT_CLIENT_OPTIONS.requestsPerSecond;
  if (typeof rps !== 'number' || Number.isNaN(rps) || rps <= 0) {
    fail(`rateLimit.requestsPerSecond must be above 0 (Infinity turns the limit off), got ${String(rps)}`);
  }
  const burst = options.rateLimit?.burst ?? Math.max(1, Math.floor(Number.isFinite(rps) ? rps : 1));
  if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1) {
    fail(`rateLimit.burst must be a whole number of at least 1, got ${String(burst)}`);
  }
  if (options.onStateChange !== undefined && typeof options.onStateChange !== 'function') {
    fail('onStateChange must be a function');
  }
  return {
    url: checkUrl(options.url),
    namespace: checkNamespace(options.namespace),
    local: checkLocal(options.local),
    logger: options.logger ?? silentLogger,
    timeouts: {
      cacheMs: positive('timeouts.cacheMs', timeouts.cacheMs, DEFAULT_REDIS_TIMEOUTS.cacheMs),
      singleFlightMs: positive(
        'timeouts.singleFlightMs',
        timeouts.singleFlightMs,
        DEFAULT_REDIS_TIMEOUTS.singleFlightMs,
      ),
      rateLimiterMs: positive(
        'timeouts.rateLimiterMs',
        timeouts.rateLimiterMs,
        DEFAULT_REDIS_TIMEOUTS.rateLimiterMs,
      ),
      connectMs: positive('timeouts.connectMs', timeouts.connectMs, DEFAULT_REDIS_TIMEOUTS.connectMs),
      probeIntervalMs: positive(
        'timeouts.probeIntervalMs',
        timeouts.probeIntervalMs,
        DEFAULT_REDIS_TIMEOUTS.probeIntervalMs,
      ),
    },
    requestsPerSecond: rps,
    burst,
    singleFlightLeaseMs: positive('singleFlightLeaseMs', options.singleFlightLeaseMs, 5000),
    onStateChange: options.onStateChange ?? (() => {}),
  };
}
