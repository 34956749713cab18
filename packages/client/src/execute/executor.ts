import { clientError, isPantherApiError } from '../errors.js';
import { sleep } from '../http/abort.js';
import type { ConcurrencyGate } from '../limits/concurrencyGate.js';
import { reportAttempt } from '../observe/reportAttempt.js';
import type { UpstreamCallObserver } from '../observe/upstreamCallEvent.js';
import type { ClientLogger } from '../options.js';
import { decideRetry, type RetrySettings } from '../retry/retryPolicy.js';
import type { RateLimiter } from '../state/types.js';
import type { ClientStats } from '../types.js';
import type { UpstreamCall } from './upstreamCall.js';

export interface Executor {
  /**
   * Runs a call to completion: concurrency slot, request-rate slot, attempt, and the retries and 429 waits
   * the retry policy allows. `deadline` (epoch ms) bounds the waits. Once `signal` fires it rejects with
   * the signal's reason; the caller turns that into TIMEOUT or ABORTED.
   */
  run<T>(call: UpstreamCall<T>, signal: AbortSignal, deadline: number): Promise<T>;
}

export function createExecutor(deps: {
  gate: ConcurrencyGate;
  /** Guarded (see guardRateLimiter): rejects only with the call's own abort. */
  rateLimiter: RateLimiter;
  stats: ClientStats;
  logger: ClientLogger;
  retry: RetrySettings;
  random?: () => number;
  onUpstreamCall?: UpstreamCallObserver | undefined;
}): Executor {
  const { gate, rateLimiter, stats, logger, onUpstreamCall: observe } = deps;
  // The per-call debug lines cost two objects and a clock read each; skip them when they would be dropped.
  const debug = logger.level === undefined || logger.level === 'debug';
  const timed = debug || observe !== undefined;

  const attemptOnce = <T>(call: UpstreamCall<T>, signal: AbortSignal, attempt: number) =>
    gate.run(signal, async () => {
      if (await rateLimiter.acquire(signal)) stats.throttledWaits += 1;
      stats.upstreamCalls += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      const started = timed ? performance.now() : 0;
      const fields = () => ({
        ...call.describe,
        attempt,
        durationMs: Math.round(performance.now() - started),
      });
      try {
        const result = await call.send(signal);
        if (debug) logger.debug('panther call', { ...fields(), status: result.status });
        if (observe) reportAttempt(observe, call, { attempt, started, status: result.status }, logger);
        return result.value;
      } catch (error) {
        if (observe) reportAttempt(observe, call, { attempt, started, error, signal }, logger);
        if (debug) {
          const failure = isPantherApiError(error)
            ? { status: error.status, code: error.code }
            : { code: signal.aborted ? 'CANCELLED' : 'UNKNOWN' };
          logger.debug('panther call failed', { ...fields(), ...failure });
        }
        throw error;
      } finally {
        stats.inFlight -= 1;
      }
    });

  return {
    async run<T>(call: UpstreamCall<T>, signal: AbortSignal, deadline: number): Promise<T> {
      let retries = 0;
      let rateLimitWaits = 0;
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await attemptOnce(call, signal, attempt);
        } catch (raw) {
          if (signal.aborted) throw signal.reason;
          const error = isPantherApiError(raw)
            ? raw
            : clientError('UPSTREAM', 'Unexpected failure while calling Panther', { cause: raw });
          const decision = decideRetry(
            error,
            { idempotent: call.idempotent, retries, rateLimitWaits, remainingMs: deadline - Date.now() },
            deps.retry,
            deps.random,
          );
          if (!decision.retry) throw error;
          if (decision.reason === 'rate-limited') {
            rateLimitWaits += 1;
            stats.throttledWaits += 1;
          } else {
            retries += 1;
            stats.retries += 1;
          }
          logger.warn(
            decision.reason === 'rate-limited' ? 'panther rate limit, waiting' : 'panther call retried',
            {
              ...call.describe,
              attempt,
              code: error.code,
              status: error.status,
              delayMs: decision.delayMs,
            },
          );
          await sleep(decision.delayMs, signal);
        }
      }
    },
  };
}
