/** What the cache did while Redis was out, to settle when it answers again. */
export interface OutageLedger {
  stored(key: string): void;
  deleted(key: string): void;
  invalidated(tags: readonly string[]): void;
  /** Everything recorded so far, emptying the ledger. */
  take(): MissedWhileDown;
  /** Puts back what `take` returned when settling it failed. */
  restore(missed: MissedWhileDown): void;
}

export interface MissedWhileDown {
  readonly stored: readonly string[];
  readonly deleted: readonly string[];
  readonly tags: readonly string[];
}

// Bounds memory over a long outage. Past it the oldest keys are forgotten: the local store (an LRU of a few
// hundred entries) has evicted them long since, and a forgotten deletion only leaves an entry to its TTL.
const MAX_KEYS = 10_000;

function remember(set: Set<string>, value: string) {
  set.delete(value);
  set.add(value);
  if (set.size > MAX_KEYS) set.delete(set.values().next().value as string);
}

export function createOutageLedger(): OutageLedger {
  let stored = new Set<string>();
  let deleted = new Set<string>();
  let tags = new Set<string>();
  return {
    stored: (key) => remember(stored, key),
    deleted: (key) => remember(deleted, key),
    // Tags are few (kinds of data): no bound needed.
    invalidated: (list) => {
      for (const tag of list) tags.add(tag);
    },
    take() {
      const missed = { stored: [...stored], deleted: [...deleted], tags: [...tags] };
      stored = new Set();
      deleted = new Set();
      tags = new Set();
      return missed;
    },
    restore(missed) {
      for (const key of missed.stored) remember(stored, key);
      for (const key of missed.deleted) remember(deleted, key);
      for (const tag of missed.tags) tags.add(tag);
    },
  };
}
