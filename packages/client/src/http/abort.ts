import { isPantherApiError, PantherApiError } from '../errors.js';

/** The signal of one call: its own timeout plus the caller's signal, whichever fires first. */
export function callSignal(timeoutMs: number, caller: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return caller === undefined ? timeout : AbortSignal.any([timeout, caller]);
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
