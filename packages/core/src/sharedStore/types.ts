import type { CacheStore, RateLimiter, SingleFlight } from '@mcp-panther/client';
import type { ClientScope, PantherTarget } from '../types.js';

export type SharedStoreState = 'connecting' | 'up' | 'down' | 'closed';

/** A shared store's state and counters, as data (logs, metrics, `config://panther`). */
export interface SharedStoreStatus {
  /** What the store is: `redis`. */
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
 * Where several replicas keep what they share: cache entries, in-flight reads and the request budget toward
 * Panther. Each method wraps the host's own (in-process) part, which serves while the store is down or slow:
 * nothing fails because of the store.
 */
export interface SharedStore extends SharedStoreView {
  cacheStore(scope: ClientScope, local: CacheStore): CacheStore;
  singleFlight(scope: ClientScope, local: SingleFlight): SingleFlight;
  /** The budget toward one Panther instance, for all replicas together. */
  rateLimiter(target: PantherTarget, local: RateLimiter): RateLimiter;
  close(): Promise<void>;
}
