import { LRUCache } from 'lru-cache';

/** Per-tag invalidation counters, captured when a read starts (see `store`). */
export type TagVersions = readonly number[];

/**
 * Cached reads with a TTL per entry and tags for invalidation.
 * A read that started before an invalidation of one of its tags is not stored: its answer may predate the write.
 */
export interface ResponseCache {
  lookup(key: string): { found: true; value: unknown } | { found: false };
  versions(tags: readonly string[]): TagVersions;
  store(key: string, value: unknown, ttlMs: number, tags: readonly string[], since: TagVersions): void;
  invalidate(tags: readonly string[]): void;
  readonly size: number;
}

interface Entry {
  value: unknown;
  tags: readonly string[];
}

export function createResponseCache(options: {
  enabled: boolean;
  maxEntries: number;
  now?: () => number;
}): ResponseCache {
  const now = options.now ?? (() => performance.now());
  // ttlResolution 0: read the clock on every lookup (no 1 ms memo timer), which also keeps tests exact.
  const lru = new LRUCache<string, Entry>({ max: options.maxEntries, perf: { now }, ttlResolution: 0 });
  const tagVersions = new Map<string, number>();
  const versionOf = (tag: string) => tagVersions.get(tag) ?? 0;

  return {
    lookup(key) {
      if (!options.enabled) return { found: false };
      const entry = lru.get(key);
      return entry === undefined ? { found: false } : { found: true, value: entry.value };
    },
    versions(tags) {
      return tags.map(versionOf);
    },
    store(key, value, ttlMs, tags, since) {
      if (!options.enabled || ttlMs <= 0) return;
      if (tags.some((tag, i) => versionOf(tag) !== since[i])) return;
      lru.set(key, { value, tags }, { ttl: ttlMs });
    },
    invalidate(tags) {
      if (tags.length === 0) return;
      for (const tag of tags) tagVersions.set(tag, versionOf(tag) + 1);
      const dropped = new Set(tags);
      // A few hundred entries at most: a scan is simpler than a tag index and fast enough.
      for (const [key, entry] of lru.entries()) {
        if (entry.tags.some((tag) => dropped.has(tag))) lru.delete(key);
      }
    },
    get size() {
      return lru.size;
    },
  };
}
