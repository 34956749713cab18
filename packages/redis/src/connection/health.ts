import type { ClientLogger } from '@mcp-panther/client';
import type { Redis } from 'ioredis';
import type { RedisState, RedisStateChange } from '../options.js';
import { isRedisAuthError } from './authError.js';
import { redact } from './redisUrl.js';
import { RedisTimeoutError, withTimeout } from './withTimeout.js';

export type PartName = 'cache' | 'singleFlight' | 'rateLimiter';

export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

export interface HealthCounters {
  /** Times Redis was given up (one warning each). */
  outages: number;
  /** Times Redis was taken back after an outage. */
  rejoins: number;
  /** Calls each part served with its local fallback. */
  fallbacks: Record<PartName, number>;
  /** Redis answered with an error that says nothing about its health (the call fell back). */
  commandErrors: number;
}

/**
 * Whether Redis is in use, shared by the three parts of one connection. Redis is given up on a connection error
 * or a timeout, with one warning; while it is down every call goes to the local parts, a probe checks whether it
 * answers again, and the rejoin hooks (replaying what the outage missed) run before it is used again.
 */
export interface Health {
  readonly state: RedisState;
  readonly counters: HealthCounters;
  /** Runs one Redis operation bounded by `timeoutMs`; never throws. `ok: false` means: use the local part. */
  attempt<T>(timeoutMs: number, operation: (redis: Redis) => Promise<T>): Promise<Attempt<T>>;
  /** Counts one call served by a part's local fallback. */
  fellBack(part: PartName): void;
  /** Runs before Redis is used again after an outage (and after the first connection); a throw keeps it down. */
  onRejoin(hook: (redis: Redis) => Promise<void>): void;
  /** Called when Redis is given up; returns the unsubscribe function. */
  onDown(listener: () => void): () => void;
  /** Resolves `true` once Redis is in use, `false` if that has not happened within `ms`. */
  whenUp(ms: number): Promise<boolean>;
  close(): void;
}

// Reply errors that mean the server cannot serve right now (loading, failing over), not that a command was wrong.
const UNAVAILABLE_REPLY = /^(LOADING|READONLY|MASTERDOWN|BUSY|CLUSTERDOWN|TRYAGAIN|NOAUTH|WRONGPASS)\b/;

const isReplyError = (error: unknown) => error instanceof Error && error.name === 'ReplyError';

export function createHealth(deps: {
  redis: Redis;
  logger: ClientLogger;
  /** The URL with its credentials masked. */
  displayUrl: string;
  /** Strings that must never reach a log line (the URL's credentials). */
  secrets: readonly string[];
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** Bound on each rejoin hook. */
  rejoinTimeoutMs: number;
  onStateChange: (change: RedisStateChange) => void;
}): Health {
  const { redis, logger } = deps;
  let state: RedisState = 'connecting';
  let rejoining = false;
  let probe: ReturnType<typeof setInterval> | undefined;
  const rejoinHooks: ((redis: Redis) => Promise<void>)[] = [];
  const downListeners = new Set<() => void>();
  const upWaiters = new Set<(up: boolean) => void>();
  const reportedErrors = new Set<string>();
  const counters: HealthCounters = {
    outages: 0,
    rejoins: 0,
    fallbacks: { cache: 0, singleFlight: 0, rateLimiter: 0 },
    commandErrors: 0,
  };

  const describe = (error: unknown) =>
    redact(error instanceof Error ? error.message || error.name : String(error), deps.secrets);

  const change = (next: RedisState, reason?: string) => {
    const previous = state;
    state = next;
    try {
      deps.onStateChange(
        reason === undefined ? { state: next, previous } : { state: next, previous, reason },
      );
    } catch (error) {
      logger.error('redis state listener failed', { error: describe(error) });
    }
  };

  const startProbe = () => {
    if (probe !== undefined) return;
    probe = setInterval(() => {
      // Disconnected: ioredis reconnects by itself and `ready` rejoins. Connected but slow: ask it.
      if (redis.status !== 'ready' || rejoining) return;
      withTimeout(redis.ping(), deps.probeTimeoutMs).then(
        () => void rejoin(),
        () => undefined,
      );
    }, deps.probeIntervalMs);
    probe.unref();
  };

  const stopProbe = () => {
    if (probe !== undefined) clearInterval(probe);
    probe = undefined;
  };

  const giveUp = (reason: string) => {
    if (state === 'down' || state === 'closed') return;
    counters.outages += 1;
    if (isRedisAuthError(reason)) {
      // Not an outage that passes: the credentials are wrong until someone corrects them.
      logger.error(
        'redis refused the credentials: correct the user name and password in redis.url or MCP_PANTHER_REDIS_URL; using the local cache, single-flight and rate limiter meanwhile',
        { url: deps.displayUrl, reason },
      );
    } else {
      logger.warn(
        'redis unavailable: using the local cache, single-flight and rate limiter until it answers',
        {
          url: deps.displayUrl,
          reason,
        },
      );
    }
    change('down', reason);
    startProbe();
    for (const listener of [...downListeners]) listener();
  };

  const rejoin = async () => {
    if (rejoining || state === 'up' || state === 'closed') return;
    rejoining = true;
    try {
      for (const hook of rejoinHooks) await withTimeout(hook(redis), deps.rejoinTimeoutMs);
    } catch (error) {
      rejoining = false;
      giveUp(`rejoin failed: ${describe(error)}`);
      return;
    }
    rejoining = false;
    // `close` may have run while the hooks were awaited.
    if ((state as RedisState) === 'closed') return;
    stopProbe();
    const wasDown = state === 'down';
    if (wasDown) counters.rejoins += 1;
    logger.info(wasDown ? 'redis answers again: shared parts back in use' : 'redis connected', {
      url: deps.displayUrl,
    });
    change('up');
    for (const resolve of [...upWaiters]) resolve(true);
  };

  redis.on('ready', () => void rejoin());
  // Without an 'error' listener ioredis prints every reconnection failure; the state change logs it once.
  redis.on('error', (error: unknown) => giveUp(describe(error)));
  redis.on('close', () => giveUp('connection closed'));

  return {
    get state() {
      return state;
    },
    counters,
    async attempt<T>(timeoutMs: number, operation: (redis: Redis) => Promise<T>): Promise<Attempt<T>> {
      if (state !== 'up') return { ok: false };
      try {
        return { ok: true, value: await withTimeout(operation(redis), timeoutMs) };
      } catch (error) {
        const message = describe(error);
        if (error instanceof RedisTimeoutError || !isReplyError(error) || UNAVAILABLE_REPLY.test(message)) {
          giveUp(message);
        } else {
          counters.commandErrors += 1;
          // A command Redis refuses keeps being refused: say so once per distinct message, not once per call.
          if (reportedErrors.size < 100 && !reportedErrors.has(message)) {
            reportedErrors.add(message);
            logger.warn('redis refused a command: that call used the local part', { error: message });
          }
        }
        return { ok: false };
      }
    },
    fellBack(part) {
      counters.fallbacks[part] += 1;
    },
    onRejoin(hook) {
      rejoinHooks.push(hook);
    },
    onDown(listener) {
      downListeners.add(listener);
      return () => downListeners.delete(listener);
    },
    whenUp(ms) {
      if (state === 'up') return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (up: boolean) => {
          clearTimeout(timer);
          upWaiters.delete(done);
          resolve(up);
        };
        const timer = setTimeout(() => done(false), ms);
        upWaiters.add(done);
      });
    },
    close() {
      stopProbe();
      if (state !== 'closed') change('closed');
      for (const resolve of [...upWaiters]) resolve(false);
      downListeners.clear();
    },
  };
}
