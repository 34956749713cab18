import { clientError, isPantherApiError, type PantherApiError } from '../errors.js';
import { abortError, callScope } from '../http/abort.js';
import type { GuardedCache } from '../state/guard/guardCacheStore.js';
import type { GuardedSingleFlight } from '../state/guard/guardSingleFlight.js';
import type { TagVersions } from '../state/types.js';
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
  /** 0: coalesced while in flight, neither looked up nor stored in the cache. */
  ttlMs: number;
  call: UpstreamCall<T>;
}

export interface WritePlan<T> {
  /** Invalidated when the write ends, whatever the outcome: a failed write may still have happened. */
  tags: readonly string[];
  call: UpstreamCall<T>;
}

/** Reads go through the cache and the single flight; writes go straight out and invalidate. */
export interface Operations {
  read<T>(plan: ReadPlan<T>, limits: CallLimits): Promise<T>;
  write<T>(plan: WritePlan<T>, limits: CallLimits): Promise<T>;
  invalidate(tags: readonly string[]): Promise<void>;
}

export function createOperations(deps: {
  executor: Executor;
  /** Undefined when caching is off. */
  cache: GuardedCache | undefined;
  flights: GuardedSingleFlight;
  stats: ClientStats;
  /** Fires when the client closes: every call still running ends with ABORTED. */
  closing?: AbortSignal | undefined;
}): Operations {
  const { executor, flights, stats, closing } = deps;

  const invalidate = async (tags: readonly string[]) => {
    if (tags.length === 0) return;
    await Promise.all([deps.cache?.invalidate(tags), flights.forget(tags)]);
  };

  return {
    async read<T>(plan: ReadPlan<T>, limits: CallLimits): Promise<T> {
      const scope = callScope(limits.timeoutMs, limits.signal, closing);
      const { signal } = scope;
      const deadline = Date.now() + limits.timeoutMs;
      try {
        signal.throwIfAborted();
        // A read that may not be cached does not pay a round trip to a remote store either.
        const cache = plan.ttlMs > 0 ? deps.cache : undefined;
        let since: TagVersions | undefined;
        let answered = false;
        if (cache !== undefined) {
          // The versions are taken before the call goes out, so an answer older than a write is never stored.
          const [found, versions] = await Promise.all([
            cache.get(plan.key, signal),
            cache.versions(plan.tags, signal),
          ]);
          if (typeof found === 'object') {
            stats.cacheHits += 1;
            // Every caller gets its own copy, so one caller's mutation cannot leak into another's answer.
            return structuredClone(found.value) as T;
          }
          answered = found === 'miss';
          since = versions;
        }
        const { value, joined } = await flights.run(plan.key, plan.tags, signal, async (shared) => {
          if (cache !== undefined && answered) {
            // This read leads a flight: another replica sharing the store may have stored the answer and ended
            // its flight between this read's miss and now. One more look keeps it to one upstream call (a store
            // that failed the first look is not asked again).
            const late = await cache.get(plan.key, shared);
            if (typeof late === 'object') {
              stats.cacheHits += 1;
              return structuredClone(late.value) as T;
            }
          }
          const answer = await executor.run(plan.call, shared, deadline);
          if (cache !== undefined && since !== undefined) {
            cache.set(plan.key, structuredClone(answer), { ttlMs: plan.ttlMs, tags: plan.tags, since });
          }
          return answer;
        });
        if (joined) stats.coalesced += 1;
        return joined ? structuredClone(value) : value;
      } catch (error) {
        throw settle(error, signal);
      } finally {
        scope.dispose();
      }
    },

    async write<T>(plan: WritePlan<T>, limits: CallLimits): Promise<T> {
      const scope = callScope(limits.timeoutMs, limits.signal, closing);
      try {
        return await executor.run(plan.call, scope.signal, Date.now() + limits.timeoutMs);
      } catch (error) {
        throw settle(error, scope.signal);
      } finally {
        scope.dispose();
        await invalidate(plan.tags);
      }
    },

    invalidate,
  };
}

/** Every failure leaves the client as a `PantherApiError`; a fired signal wins over whatever it caused. */
function settle(error: unknown, signal: AbortSignal): PantherApiError {
  if (signal.aborted) return abortError(signal);
  if (isPantherApiError(error)) return error;
  return clientError('UPSTREAM', 'Unexpected failure while calling Panther', { cause: error });
}
