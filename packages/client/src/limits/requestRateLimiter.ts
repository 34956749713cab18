/**
 * At most `requestsPerSecond` grants per second, evenly spaced (one every 1000/R ms), first come first served.
 * A waiter whose signal fires leaves the queue without using a slot.
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

export function createRequestRateLimiter(
  requestsPerSecond: number,
  now: () => number = () => Date.now(),
): RequestRateLimiter {
  if (!Number.isFinite(requestsPerSecond)) {
    return {
      acquire: (signal) => (signal.aborted ? Promise.reject(signal.reason) : Promise.resolve(false)),
      dispose() {},
      waiting: 0,
    };
  }
  const intervalMs = 1000 / requestsPerSecond;
  const queue: Waiter[] = [];
  let nextSlotAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    if (timer !== undefined || queue.length === 0) return;
    timer = setTimeout(release, Math.max(0, nextSlotAt - now()));
  };

  const release = () => {
    timer = undefined;
    const t = now();
    if (t < nextSlotAt) {
      schedule();
      return;
    }
    const waiter = queue.shift();
    if (waiter !== undefined) {
      waiter.signal.removeEventListener('abort', waiter.onAbort);
      nextSlotAt = t + intervalMs;
      waiter.resolve(true);
    }
    schedule();
  };

  return {
    acquire(signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      const t = now();
      if (queue.length === 0 && t >= nextSlotAt) {
        nextSlotAt = t + intervalMs;
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
