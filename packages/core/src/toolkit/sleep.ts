/**
 * Waits `ms`, or rejects with the signal's reason as soon as it is aborted (so a cancelled call ends with the
 * reason the host gave). Built on the global `setTimeout`, so tests with fake timers control it.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(finish, ms);
    signal?.addEventListener('abort', abort, { once: true });

    function finish(): void {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
  });
}
