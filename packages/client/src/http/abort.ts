import { clientError, isPantherApiError, type PantherApiError } from '../errors.js';

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
 * Like `callSignal`, for the per-call hot path: one controller, one timer and a listener per parent, all released
 * by `dispose()` when the call ends (AbortSignal.timeout + AbortSignal.any cost more per call and leave their
 * timer and links behind until they fire or are collected). The timeout's reason is a TIMEOUT `PantherApiError`
 * naming `timeoutMs`; `closing` (the client's own lifetime) passes its reason on as the caller's does.
 */
export function callScope(
  timeoutMs: number,
  caller: AbortSignal | undefined,
  closing?: AbortSignal | undefined,
): CallScope {
  const controller = new AbortController();
  const fired = caller?.aborted ? caller : closing?.aborted ? closing : undefined;
  if (fired !== undefined) {
    controller.abort(fired.reason);
    return { signal: controller.signal, dispose() {} };
  }
  const timer = setTimeout(() => {
    controller.abort(clientError('TIMEOUT', `Panther did not answer within ${timeoutMs} ms`));
  }, timeoutMs);
  // Like AbortSignal.timeout's timer, this one does not keep the process alive by itself.
  timer.unref();
  const onCaller = () => controller.abort(caller?.reason);
  const onClosing = () => controller.abort(closing?.reason);
  caller?.addEventListener('abort', onCaller, { once: true });
  closing?.addEventListener('abort', onClosing, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCaller);
      closing?.removeEventListener('abort', onClosing);
    },
  };
}

/**
 * The error a call ends with once its signal fired: always TIMEOUT for a time limit (the client's or the
 * caller's) and ABORTED for anything else, whatever the reason's type.
 */
export function abortError(signal: AbortSignal): PantherApiError {
  const reason: unknown = signal.reason;
  if (isPantherApiError(reason) && (reason.code === 'TIMEOUT' || reason.code === 'ABORTED')) return reason;
  if (isTimeoutReason(reason)) {
    return clientError('TIMEOUT', "The request's time limit ran out before Panther answered", {
      cause: reason,
    });
  }
  return clientError('ABORTED', 'The request to Panther was cancelled', { cause: reason });
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
