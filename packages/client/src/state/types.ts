/**
 * The client's swappable parts. The client builds in-memory ones by default; a host may pass others (for example
 * Redis-backed ones shared by several replicas). Every method is async so that a part may live in another process.
 * Values are JSON (Panther's answers); keys and tags are plain strings and never contain the API token.
 */

/**
 * Opaque per-tag versions, captured before a read goes upstream. A store refuses to keep an answer whose tags
 * were invalidated since: the answer may predate a write (the stale-after-write guard).
 */
export type TagVersions = readonly (number | string)[];

/** Cached reads with a TTL per entry and tags for invalidation. */
export interface CacheStore {
  /** The cached value, wrapped so that a cached `null` differs from a miss. */
  get(key: string): Promise<{ readonly value: unknown } | undefined>;
  /** The tags' current versions, to pass back to `set`. */
  versions(tags: readonly string[]): Promise<TagVersions>;
  /** Stores the value for `ttlMs` (0 or less: not stored) unless a tag moved since `since` was captured. */
  set(
    key: string,
    value: unknown,
    options: { readonly ttlMs: number; readonly tags: readonly string[]; readonly since: TagVersions },
  ): Promise<void>;
  delete(key: string): Promise<void>;
  /** Drops every entry stored under one of the tags and moves the tags' versions. */
  invalidate(tags: readonly string[]): Promise<void>;
  close?(): Promise<void>;
}

/** Calls started toward Panther per unit of time. */
export interface RateLimiter {
  /** Resolves when a call may start (`true` when it had to wait); rejects with `signal.reason` when aborted. */
  acquire(signal: AbortSignal): Promise<boolean>;
  /** Rejects every waiter with `reason` and releases timers and connections. */
  close?(reason?: unknown): Promise<void> | void;
}

/** One caller of `SingleFlight.run`. */
export interface SingleFlightRunOptions {
  readonly tags: readonly string[];
  readonly signal: AbortSignal;
  /**
   * Call when the caller joins a flight already under way. Until a part calls `start`, calls this or settles,
   * the client cannot tell a join from a hang: a part that does neither within the client's `partTimeoutMs`
   * is passed by, and the caller runs the call itself.
   */
  readonly onJoin?: (() => void) | undefined;
}

/**
 * Identical reads in flight share one upstream call. Each caller waits with its own signal; the shared call is
 * aborted only when every caller has gone.
 */
export interface SingleFlight {
  run<T>(
    key: string,
    options: SingleFlightRunOptions,
    start: (shared: AbortSignal) => Promise<T>,
  ): Promise<{ readonly value: T; readonly joined: boolean }>;
  /** Later reads with these tags start a fresh call instead of joining one that began before a write. */
  forget(tags: readonly string[]): Promise<void> | void;
  close?(): Promise<void>;
}
