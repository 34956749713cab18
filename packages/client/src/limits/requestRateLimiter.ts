/**
 * A token bucket: at most `requestsPerSecond` grants per second sustained, with bursts of up to `burst` grants
 * when the bucket is full, first come first served. A burst matters for an assistant: a model that fires a few
 * calls at once (or a tool that fans out per detection type) should not pay 1/R seconds per call, while a
 * sustained stream is still held to R per second.
 * A waiter whose signal fires leaves the queue without using a grant.
 */
export interface RequestRateLimiter {
  /** Resolves when the caller may start; `true` when it had to wait. */
  acquire(signal: AbortSignal): Promise<boolean>;
  /** Rejects every waiter with `reason` and stops the timer. */
  dispose(reason: unknown): void;
  readonly waiting: number;
}

interface Waiter {
  resolve(waited: boolean): void;
  reject(reason: unknown): void;
  signal: AbortSignal;
  onAbort(): void;
}

// Float error from the refill arithmetic must not leave a caller one timer tick short of a whole grant.
const EPSILON = 1e-9;

export function createRequestRateLimiter(
  requestsPerSecond: number,
  burst: number = Math.max(1, Math.floor(requestsPerSecond)),
  now: () => number = () => Date.now(),
): RequestRateLimiter {
  if (!Number.isFinite(requestsPerSecond)) {
    return {
      acquire: (signal) => (signal.aborted ? Promise.reject(signal.reason) : Promise.resolve(false)),
      dispose() {},
      waiting: 0,
    };
  }
  const capacity = Math.max(1, burst);
  const perMs = requestsPerSecond / 1000;
  const queue: Waiter[] = [];
  let tokens = capacity;
  let refilledAt = now();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + (t - refilledAt) * perMs);
    refilledAt = t;
  };

  const schedule = () => {
    if (timer !== undefined || queue.length === 0) return;
    timer = setTimeout(release, Math.max(0, Math.ceil((1 - tokens) / perMs)));
  };

  const release = () => {
    timer = undefined;
    refill();
    while (queue.length > 0 && tokens >= 1 - EPSILON) {
      const waiter = queue.shift()!;
      waiter.signal.removeEventListener('abort', waiter.onAbort);
      tokens -= 1;
      waiter.resolve(true);
    }
    schedule();
  };

  return {
    acquire(signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      refill();
      if (queue.length === 0 && tokens >= 1 - EPSILON) {
        tokens -= 1;
        return Promise.resolve(false);
      }
      return new Promise<boolean>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const index = queue.indexOf(waiter);
            if (index >= 0) queue.splice(index, 1);
            if (queue.length === 0 && timer !== undefined) {
              clearTimeout(timer);
              timer = undefined;
            }
            reject(signal.reason);
          },
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        schedule();
      });
    },
    dispose(reason) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const waiter of queue.splice(0)) {
        waiter.signal.removeEventListener('abort', waiter.onAbort);
        waiter.reject(reason);
      }
    },
    get waiting() {
      return queue.length;
    },
  };
}
