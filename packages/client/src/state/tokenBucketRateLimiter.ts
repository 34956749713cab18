import { positive } from '../options.js';
import type { RateLimiter } from './types.js';

export interface TokenBucketRateLimiterOptions {
  /** Grants per second, sustained; `Infinity` turns the limit off. */
  requestsPerSecond: number;
  /** Grants that may be taken at once after an idle period (the bucket's size). Default: requestsPerSecond, at least 1. */
  burst?: number | undefined;
  /** Clock in ms. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** The built-in `RateLimiter`, plus the number of callers waiting for a grant. */
export interface TokenBucketRateLimiter extends RateLimiter {
  /** Rejects every waiter with `reason` and stops the timer. */
  close(reason?: unknown): void;
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

/**
 * A token bucket: at most `requestsPerSecond` grants per second sustained, with bursts of up to `burst` grants
 * when the bucket is full, first come first served. A burst matters for an assistant: a model that fires a few
 * calls at once (or a tool that fans out per detection type) should not pay 1/R seconds per call, while a
 * sustained stream is still held to R per second.
 * A waiter whose signal fires leaves the queue without using a grant.
 */
export function createTokenBucketRateLimiter(options: TokenBucketRateLimiterOptions): TokenBucketRateLimiter {
  const requestsPerSecond = positive('requestsPerSecond', options.requestsPerSecond, true);
  const burst = positive('burst', options.burst ?? Math.max(1, Math.floor(requestsPerSecond)), true);
  const now = options.now ?? (() => Date.now());
  if (!Number.isFinite(requestsPerSecond)) {
    return {
      acquire: (signal) => (signal.aborted ? Promise.reject(signal.reason) : Promise.resolve(false)),
      close() {},
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
    close(reason) {
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
