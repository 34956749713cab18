import type { RateLimiter } from '../types.js';
import type { PartMonitor } from './monitor.js';
import { invoke } from './within.js';

/**
 * Wraps a rate limiter so that a rejection other than the caller's abort lets the call start (reported, not
 * thrown). Waiting is the limiter's job, so there is no time bound here: a remote limiter keeps itself
 * available (falling back to a local bucket, say).
 */
export function guardRateLimiter(limiter: RateLimiter, monitor: PartMonitor): RateLimiter {
  return {
    acquire(signal) {
      return invoke(() => limiter.acquire(signal)).then(
        (waited) => waited === true,
        (error: unknown) => {
          if (signal.aborted) throw signal.reason;
          monitor.failed('rateLimiter', 'acquire', error);
          return false;
        },
      );
    },
  };
}
