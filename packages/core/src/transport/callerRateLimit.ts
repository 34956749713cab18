/**
 * The inbound request budget of each caller on the MCP endpoint: a token bucket per caller key, refilled at the
 * profile's `requestsPerMinute`, holding at most its `burst`. One agent in a loop then meets a 429 instead of
 * spending the whole team's Panther budget. Buckets that have refilled are forgotten, so callers that come and go
 * do not grow the table.
 */

export interface RateRule {
  readonly requestsPerMinute: number;
  readonly burst?: number | undefined;
}

interface Bucket {
  tokens: number;
  updated: number;
  capacity: number;
  perMs: number;
}

/** Table size above which full buckets are dropped on the next request. */
const PRUNE_ABOVE = 1024;

export interface CallerRateLimit {
  /** Takes one request from the caller's budget: undefined when allowed, else the seconds until one is. */
  take(key: string, rule: RateRule): number | undefined;
  readonly size: number;
}

function refill(bucket: Bucket, at: number): void {
  bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (at - bucket.updated) * bucket.perMs);
  bucket.updated = at;
}

export function createCallerRateLimit(now: () => number = Date.now): CallerRateLimit {
  const buckets = new Map<string, Bucket>();
  const prune = (at: number): void => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= bucket.capacity) buckets.delete(key);
    }
  };
  return {
    take(key, rule) {
      const at = now();
      if (buckets.size > PRUNE_ABOVE) prune(at);
      const capacity = rule.burst ?? rule.requestsPerMinute;
      const perMs = rule.requestsPerMinute / 60_000;
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        bucket = { tokens: capacity, updated: at, capacity, perMs };
        buckets.set(key, bucket);
      }
      refill(bucket, at);
      // A changed rule (a reload) applies from now on.
      bucket.capacity = capacity;
      bucket.perMs = perMs;
      bucket.tokens = Math.min(bucket.tokens, capacity);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
    get size() {
      return buckets.size;
    },
  };
}
