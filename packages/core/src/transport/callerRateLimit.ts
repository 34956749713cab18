/**
 * The inbound call budget of each caller on the MCP endpoint: a token bucket per caller key, refilled at the
 * profile's `requestsPerMinute`, holding at most its `burst`. Every JSON-RPC message counts, so a batch takes one
 * token per message (all of them or none). One agent in a loop then meets a 429 instead of
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
  /**
   * Takes `count` calls (default 1) from the caller's budget, all or none: undefined when allowed, else the seconds
   * until that many are (at least 1; a count over the burst never fits: the seconds until the bucket is full).
   */
  take(key: string, rule: RateRule, count?: number): number | undefined;
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
    take(key, rule, count = 1) {
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
      if (bucket.tokens >= count) {
        bucket.tokens -= count;
        return undefined;
      }
      const wanted = Math.min(count, capacity);
      return Math.max(1, Math.ceil((wanted - bucket.tokens) / perMs / 1000));
    },
    get size() {
      return buckets.size;
    },
  };
}
