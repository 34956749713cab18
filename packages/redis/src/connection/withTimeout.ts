/** Raised when Redis does not answer within the part's bound; the command may still complete later. */
export class RedisTimeoutError extends Error {
  override readonly name = 'RedisTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
  }
}

/**
 * Settles like `promise`, or rejects with `RedisTimeoutError` after `ms` (and after any reply already received has
 * been read); a slow Redis never stalls a caller.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // A process starved of CPU runs its timers before reading the replies that arrived meanwhile; the check
    // phase comes after the I/O phase, so only a Redis that really has not answered times out.
    const timer = setTimeout(() => setImmediate(() => reject(new RedisTimeoutError(ms))), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
