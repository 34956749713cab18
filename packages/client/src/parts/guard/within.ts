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
 * whichever comes first. The part's own promise is left to settle on its own.
 */
export function within<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      done();
      reject(new PartTimeout(ms));
    }, ms);
    // A hung part must not keep the process alive by itself.
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
