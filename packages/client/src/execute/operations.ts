import type { InFlightRequests } from '../cache/inFlightRequests.js';
import type { ResponseCache } from '../cache/responseCache.js';
import { isPantherApiError, PantherApiError } from '../errors.js';
import { abortError, callScope } from '../http/abort.js';
import type { ClientStats } from '../types.js';
import type { Executor } from './executor.js';
import type { UpstreamCall } from './upstreamCall.js';

export interface CallLimits {
  /** The caller's signal (the MCP request's). */
  signal: AbortSignal | undefined;
  timeoutMs: number;
}

export interface ReadPlan<T> {
  /** Identity of the read: method + URL with sorted query, or document + variables. */
  key: string;
  tags: readonly string[];
  /** 0: coalesced while in flight, not cached. */
  ttlMs: number;
  call: UpstreamCall<T>;
}

export interface WritePlan<T> {
  /** Invalidated when the write ends, whatever the outcome: a failed write may still have happened. */
  tags: readonly string[];
  call: UpstreamCall<T>;
}

/** Reads go through the cache and the in-flight table; writes go straight out and invalidate. */
export interface Operations {
  read<T>(plan: ReadPlan<T>, limits: CallLimits): Promise<T>;
  write<T>(plan: WritePlan<T>, limits: CallLimits): Promise<T>;
  invalidate(tags: readonly string[]): void;
}

export function createOperations(deps: {
  executor: Executor;
  cache: ResponseCache;
  inFlight: InFlightRequests;
  stats: ClientStats;
}): Operations {
  const { executor, cache, inFlight, stats } = deps;

  const invalidate = (tags: readonly string[]) => {
    cache.invalidate(tags);
    inFlight.forget(tags);
  };

  return {
    async read<T>(plan: ReadPlan<T>, limits: CallLimits): Promise<T> {
      const scope = callScope(limits.timeoutMs, limits.signal);
      const { signal } = scope;
      const deadline = Date.now() + limits.timeoutMs;
      try {
        signal.throwIfAborted();
        const hit = cache.lookup(plan.key);
        if (hit.found) {
          stats.cacheHits += 1;
          // Every caller gets its own copy, so one caller's mutation cannot leak into another's answer.
          return structuredClone(hit.value) as T;
        }
        const since = cache.versions(plan.tags);
        const { promise, joined } = inFlight.run(plan.key, plan.tags, signal, async (shared) => {
          const value = await executor.run(plan.call, shared, deadline);
          cache.store(plan.key, structuredClone(value), plan.ttlMs, plan.tags, since);
          return value;
        });
        if (joined) stats.coalesced += 1;
        const value = await promise;
        return joined ? structuredClone(value) : value;
      } catch (error) {
        throw settle(error, signal, limits.timeoutMs);
      } finally {
        scope.dispose();
      }
    },

    async write<T>(plan: WritePlan<T>, limits: CallLimits): Promise<T> {
      const scope = callScope(limits.timeoutMs, limits.signal);
      try {
        return await executor.run(plan.call, scope.signal, Date.now() + limits.timeoutMs);
      } catch (error) {
        throw settle(error, scope.signal, limits.timeoutMs);
      } finally {
        scope.dispose();
        invalidate(plan.tags);
      }
    },

    invalidate,
  };
}

/** Every failure leaves the client as a `PantherApiError`; a fired signal wins over whatever it caused. */
function settle(error: unknown, signal: AbortSignal, timeoutMs: number): PantherApiError {
  if (signal.aborted) return abortError(signal, timeoutMs);
  if (isPantherApiError(error)) return error;
  return new PantherApiError('UPSTREAM', 'Unexpected failure while calling Panther', { cause: error });
}
