import { isPantherApiError } from '../../errors.js';
import type { SingleFlight } from '../types.js';
import type { PartMonitor } from './monitor.js';
import { PartTimeout } from './monitor.js';
import { invoke, within } from './within.js';

/** A `SingleFlight` as the client uses it: its failures and hangs never fail or stall a call. */
export interface GuardedSingleFlight {
  run<T>(
    key: string,
    tags: readonly string[],
    signal: AbortSignal,
    start: (shared: AbortSignal) => Promise<T>,
  ): Promise<{ readonly value: T; readonly joined: boolean }>;
  forget(tags: readonly string[]): Promise<void>;
}

/**
 * Wraps a single-flight part. The caller runs the call itself (`start` with its own signal) when the part
 * rejects, or when within `timeoutMs` it has neither started the call, reported a join, nor answered. Once the
 * part has started the call here, that call's outcome is this caller's answer whatever the part does next.
 * A joined caller gets the leader's `PantherApiError` as its own; any other rejection is the part's failure.
 */
export function guardSingleFlight(
  part: SingleFlight,
  monitor: PartMonitor,
  timeoutMs: number,
): GuardedSingleFlight {
  return {
    run<T>(
      key: string,
      tags: readonly string[],
      signal: AbortSignal,
      start: (shared: AbortSignal) => Promise<T>,
    ): Promise<{ readonly value: T; readonly joined: boolean }> {
      if (signal.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        let settled = false;
        let answered = false;
        let own: Promise<T> | undefined;
        let timer: ReturnType<typeof setTimeout> | undefined;

        const finish = (settle: () => void) => {
          if (settled) return;
          settled = true;
          if (timer !== undefined) clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          settle();
        };
        const onAbort = () => finish(() => reject(signal.reason));
        const startOnce = (shared: AbortSignal): Promise<T> => {
          answered = true;
          if (own === undefined) {
            own = start(shared);
            own.then(
              (value) => finish(() => resolve({ value, joined: false })),
              (error: unknown) => finish(() => reject(error)),
            );
          }
          return own;
        };
        const bypass = (error: unknown) => {
          if (settled) return;
          monitor.failed('singleFlight', 'run', error);
          startOnce(signal);
        };

        signal.addEventListener('abort', onAbort, { once: true });
        const onJoin = () => {
          answered = true;
        };
        invoke(() => part.run(key, { tags, signal, onJoin }, startOnce)).then(
          (result) => finish(() => resolve(result)),
          (error: unknown) => {
            if (settled || signal.aborted) return;
            // Started here: the call's own outcome settles this caller.
            if (own !== undefined) return;
            if (isPantherApiError(error)) finish(() => reject(error));
            else bypass(error);
          },
        );
        // The built-in part starts or joins before `run` returns, so it never needs the timer.
        if (!answered && !settled) {
          // As in `within`: answers that arrived while the process was busy are read before judging.
          timer = setTimeout(() => {
            setImmediate(() => {
              if (!answered) bypass(new PartTimeout(timeoutMs));
            });
          }, timeoutMs);
          timer.unref();
        }
      });
    },
    async forget(tags) {
      if (tags.length === 0) return;
      await within(
        invoke(() => part.forget(tags)),
        timeoutMs,
      ).catch((error: unknown) => monitor.failed('singleFlight', 'forget', error));
    },
  };
}
