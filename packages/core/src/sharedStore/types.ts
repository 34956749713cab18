import type { CacheStore, RateLimiter, SingleFlight } from '@mcp-panther/client';
import type { PantherTarget } from '../types.js';

export type SharedStoreState = 'connecting' | 'up' | 'down' | 'closed';

/** A shared store's state and counters, as data (logs, metrics, `config://panther`). */
export interface SharedStoreStatus {
  /** What the store is (`redis`, say). */
  readonly kind: string;
  /** Where it is, with any credentials masked. */
  readonly location: string;
  /** `up` while shared; `connecting` and `down` while every part serves its local fallback. */
  readonly state: SharedStoreState;
  /** Why it last went down (never holds credentials). */
  readonly reason?: string | undefined;
  /** Times the store was given up (one warning each). */
  readonly outages: number;
  /** Times it was taken back after an outage. */
  readonly rejoins: number;
  /** Calls each part served with its local fallback. */
  readonly fallbacks: Readonly<Record<'cache' | 'singleFlight' | 'rateLimiter', number>>;
  /** Reads answered with another replica's upstream call. */
  readonly remoteJoins: number;
  /** Reads waiting right now for another replica's upstream call. */
  readonly following: number;
}

/** What can be watched of a shared store. */
export interface SharedStoreView {
  status(): SharedStoreStatus;
  /** Called on every state change (connected, given up, back); returns the function that stops listening. */
  onStateChange(listener: (status: SharedStoreStatus) => void): () => void;
}

/**
 * Where a shared store keeps one scope's keys. `namespace` is letters, digits and `. _ : -` (at most 200
 * characters) and never holds a token: for cache entries and in-flight reads, the Panther instance and a one-way
 * digest of the token (every replica with the same token shares them, no other token sees them); for the request
 * budget, the instance alone.
 */
export interface SharedScope {
  readonly target: PantherTarget;
  readonly namespace: string;
}

/** The request budget toward one Panther instance, for all replicas together. */
export interface RequestBudget {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

/**
 * Where several replicas keep what they share: cache entries, in-flight reads and the request budget toward
 * Panther. Each method wraps the host's own (in-process) store, which serves while the shared one is down or slow:
 * nothing fails because of the store. Built by the `sharedStore` part (a backend package gives it, with its config
 * section: `@mcp-panther/redis/host`).
 */
export interface SharedStore extends SharedStoreView {
  /**
   * The share (0–1] of the request budget each replica keeps to on its own while the store is out of reach, so
   * that together they still keep to it (1 / the number of replicas). Default: 1.
   */
  readonly localShare?: number | undefined;
  cacheStore(scope: SharedScope, local: CacheStore): CacheStore;
  singleFlight(scope: SharedScope, local: SingleFlight): SingleFlight;
  rateLimiter(scope: SharedScope & { readonly budget: RequestBudget }, local: RateLimiter): RateLimiter;
  close(): Promise<void>;
}
