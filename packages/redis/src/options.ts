import type { CacheStore, ClientLogger, RateLimiter, SingleFlight } from '@mcp-panther/client';
import { DEFAULT_CLIENT_OPTIONS } from '@mcp-panther/client';

/** The in-process parts each Redis part falls back to while Redis is down or slow. */
export interface LocalState {
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

/** What a Redis backend needs: where Redis is, and how it reports and bounds its use of it. */
export interface RedisBackendOptions {
  /** `redis://` or `rediss://`; may carry a password, which is never logged. */
  readonly url: string;
  readonly logger?: ClientLogger | undefined;
  readonly timeouts?: RedisTimeouts | undefined;
  /**
   * How long a single-flight leader's lease lasts without renewal (it renews it while its call runs): a follower
   * whose leader vanished runs the call itself after at most this long. Default 5000.
   */
  readonly singleFlightLeaseMs?: number | undefined;
  /** Called on every state change (connected, given up, back); wire it to metrics. */
  readonly onStateChange?: ((change: RedisStateChange) => void) | undefined;
}

/** A request budget toward Panther. */
export interface RateLimitOptions {
  readonly requestsPerSecond?: number | undefined;
  readonly burst?: number | undefined;
}

export interface RedisClientStateOptions extends RedisBackendOptions {
  /**
   * Prefix of every key, channel and bucket: derive it from the Panther instance and a one-way digest of the token
   * (what may be shared), never from the token itself. Letters, digits and `. _ : -`, at most 200 characters.
   */
  readonly namespace: string;
  readonly local: LocalState;
  /** The budget toward Panther shared by every replica. Defaults: the client's (20 per second, burst 20). */
  readonly rateLimit?: RateLimitOptions | undefined;
}

export interface ResolvedBackendOptions {
  readonly url: string;
  readonly logger: ClientLogger;
  readonly timeouts: Required<{ [K in keyof RedisTimeouts]: number }>;
  readonly singleFlightLeaseMs: number;
  readonly onStateChange: (change: RedisStateChange) => void;
}

export interface ResolvedRateLimit {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

export interface ResolvedRedisOptions extends ResolvedBackendOptions, ResolvedRateLimit {
  readonly namespace: string;
  readonly local: LocalState;
}

export class RedisOptionsError extends Error {
  override readonly name = 'RedisOptionsError';
}

/** Errors name the function that was called wrongly (`createRedisClientState: …`, `createRedisBackend: …`). */
type Fail = (message: string) => never;
const failIn =
  (who: string): Fail =>
  (message) => {
    throw new RedisOptionsError(`${who}: ${message}`);
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

function positive(fail: Fail, name: string, value: unknown, fallback: number, max = 600_000): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    fail(`${name} must be a number of milliseconds above 0 and at most ${max}, got ${String(value)}`);
  }
  return value as number;
}

function checkUrl(fail: Fail, url: unknown): string {
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

/** A namespace as given, or an error that says what is wrong with it without echoing it. */
export function checkNamespace(namespace: unknown, who = 'createRedisClientState'): string {
  const fail = failIn(who);
  if (typeof namespace !== 'string') return fail('namespace must be a string');
  if (!NAMESPACE.test(namespace as string)) {
    // Never echo the value: a caller who passed the API token by mistake must not see it in a log.
    const bad = [...(namespace as string)].find((c) => !/[A-Za-z0-9_.:-]/.test(c));
    fail(
      `namespace must be 1 to 200 characters of letters, digits and . _ : - (got ${(namespace as string).length} characters${bad === undefined ? '' : `, including ${JSON.stringify(bad)}`}); derive it from the Panther instance and a one-way digest of the token, never from the token itself`,
    );
  }
  return namespace as string;
}

const LOCAL_METHODS: Readonly<Record<keyof LocalState, readonly string[]>> = {
  cacheStore: ['get', 'set', 'invalidate'],
  rateLimiter: ['acquire'],
  singleFlight: ['run', 'forget'],
};
const LOCAL_TYPES: Readonly<Record<keyof LocalState, string>> = {
  cacheStore: 'CacheStore',
  rateLimiter: 'RateLimiter',
  singleFlight: 'SingleFlight',
};

/** One local fallback part, checked for the methods the Redis part calls. */
export function checkLocalPart<K extends keyof LocalState>(
  name: K,
  part: unknown,
  who = 'createRedisClientState',
): LocalState[K] {
  const methods = part as Record<string, unknown> | undefined;
  if (LOCAL_METHODS[name].some((method) => typeof methods?.[method] !== 'function')) {
    failIn(who)(`local.${name} must be a ${LOCAL_TYPES[name]} (the in-process fallback)`);
  }
  return part as LocalState[K];
}

function checkLocal(local: unknown): LocalState {
  const parts = local as Partial<LocalState> | undefined;
  return {
    cacheStore: checkLocalPart('cacheStore', parts?.cacheStore),
    rateLimiter: checkLocalPart('rateLimiter', parts?.rateLimiter),
    singleFlight: checkLocalPart('singleFlight', parts?.singleFlight),
  };
}

/** The budget with its defaults (the client's); `Infinity` requests per second turns the limit off. */
export function resolveRateLimit(
  rateLimit: RateLimitOptions | undefined,
  who = 'createRedisClientState',
): ResolvedRateLimit {
  const fail = failIn(who);
  const rps = rateLimit?.requestsPerSecond ?? DEFAULT_CLIENT_OPTIONS.requestsPerSecond;
  if (typeof rps !== 'number' || Number.isNaN(rps) || rps <= 0) {
    fail(`rateLimit.requestsPerSecond must be above 0 (Infinity turns the limit off), got ${String(rps)}`);
  }
  const burst = rateLimit?.burst ?? Math.max(1, Math.floor(Number.isFinite(rps) ? rps : 1));
  if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1) {
    fail(`rateLimit.burst must be a whole number of at least 1, got ${String(burst)}`);
  }
  return { requestsPerSecond: rps, burst };
}

export function resolveBackendOptions(
  options: RedisBackendOptions,
  who = 'createRedisBackend',
): ResolvedBackendOptions {
  const fail = failIn(who);
  if (typeof options !== 'object' || options === null) return fail('options must be an object');
  const timeouts = options.timeouts ?? {};
  if (options.onStateChange !== undefined && typeof options.onStateChange !== 'function') {
    fail('onStateChange must be a function');
  }
  const ms = (name: keyof typeof DEFAULT_REDIS_TIMEOUTS) =>
    positive(fail, `timeouts.${name}`, timeouts[name], DEFAULT_REDIS_TIMEOUTS[name]);
  return {
    url: checkUrl(fail, options.url),
    logger: options.logger ?? silentLogger,
    timeouts: {
      cacheMs: ms('cacheMs'),
      singleFlightMs: ms('singleFlightMs'),
      rateLimiterMs: ms('rateLimiterMs'),
      connectMs: ms('connectMs'),
      probeIntervalMs: ms('probeIntervalMs'),
    },
    singleFlightLeaseMs: positive(fail, 'singleFlightLeaseMs', options.singleFlightLeaseMs, 5000),
    onStateChange: options.onStateChange ?? (() => {}),
  };
}

export function resolveRedisOptions(options: RedisClientStateOptions): ResolvedRedisOptions {
  if (typeof options !== 'object' || options === null)
    return failIn('createRedisClientState')('options must be an object');
  const rateLimit = resolveRateLimit(options.rateLimit);
  const backend = resolveBackendOptions(options, 'createRedisClientState');
  return {
    ...backend,
    ...rateLimit,
    namespace: checkNamespace(options.namespace),
    local: checkLocal(options.local),
  };
}
