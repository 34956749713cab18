import { PartTimeout } from './monitor.js';

/** Calls a part's method; a synchronous throw becomes a rejection, so a buggy part cannot escape the guards. */
export function invoke<T>(method: () => Promise<T> | T): Promise<T> {
  try {
    return Promise.resolve(method());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The part's answer, or a rejection with `PartTimeout` after `ms`, or with `signal.reason` once it fires:
 * whichever comes first. The part's own promise is left to settle on its own. A part in this process has answered
 * by the next microtask, so the timer and the abort listener are only set up for one that has not.
 */
export function within<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => settle(() => reject(signal?.reason));
    promise.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
    queueMicrotask(() => {
      if (settled) return;
      if (signal?.aborted) {
        onAbort();
        return;
      }
      // Read what arrived while the process was busy before judging: a starved process runs its timers before
      // its I/O, and the check phase (setImmediate) comes after it.
      timer = setTimeout(() => setImmediate(() => settle(() => reject(new PartTimeout(ms)))), ms);
      // A hung part must not keep the process alive by itself.
      timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  });
}
