import { isPantherApiError, PantherApiError } from '../errors.js';

/** The signal of one call: its own timeout plus the caller's signal, whichever fires first. */
export function callSignal(timeoutMs: number, caller: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return caller === undefined ? timeout : AbortSignal.any([timeout, caller]);
}

export interface CallScope {
  readonly signal: AbortSignal;
  /** Stops the timer and the caller listener once the call has settled. */
  dispose(): void;
}

/**
 * Like `callSignal`, for the per-call hot path: one controller, one timer and one listener, all released by
 * `dispose()` when the call ends (AbortSignal.timeout + AbortSignal.any cost more per call and leave their
 * timer and links behind until they fire or are collected). The timeout reason is a `TimeoutError`, as
 * AbortSignal.timeout's.
 */
export function callScope(timeoutMs: number, caller: AbortSignal | undefined): CallScope {
  const controller = new AbortController();
  if (caller?.aborted) {
    controller.abort(caller.reason);
    return { signal: controller.signal, dispose() {} };
  }
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  // Like AbortSignal.timeout's timer, this one does not keep the process alive by itself.
  timer.unref();
  const onAbort = () => controller.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/** The error a call ends with once its signal fired: TIMEOUT for a timeout, ABORTED for a cancellation. */
export function abortError(signal: AbortSignal, timeoutMs: number): PantherApiError {
  const reason: unknown = signal.reason;
  if (isPantherApiError(reason)) return reason;
  if (isTimeoutReason(reason)) {
    return new PantherApiError('TIMEOUT', `Panther did not answer within ${timeoutMs} ms`, { cause: reason });
  }
  return new PantherApiError('ABORTED', 'The request to Panther was cancelled', { cause: reason });
}

function isTimeoutReason(reason: unknown): boolean {
  return (
    typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError'
  );
}

/** Waits `ms`, or rejects with the signal's reason as soon as it fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
