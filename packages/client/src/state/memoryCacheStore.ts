import { LRUCache } from 'lru-cache';
import { positiveInteger } from '../options.js';
import type { CacheStore, TagVersions } from './types.js';

export interface MemoryCacheStoreOptions {
  /** Entries kept at most; the least recently used goes first. */
  maxEntries: number;
  /** Clock for TTLs, in ms. Default `performance.now`. */
  now?: (() => number) | undefined;
}

/** The built-in `CacheStore`, plus its size for tests and counters. */
export interface MemoryCacheStore extends CacheStore {
  /** Drops every entry. */
  close(): Promise<void>;
  readonly size: number;
}

interface Entry {
  value: unknown;
  tags: readonly string[];
}

/**
 * The client's default cache: lru-cache in this process, a TTL per entry, and per-tag counters for invalidation.
 * Every method takes effect when it is called (the promise only reports it), so a read that follows a write in
 * the same process never sees what the write invalidated.
 */
export function createMemoryCacheStore(options: MemoryCacheStoreOptions): MemoryCacheStore {
  const max = positiveInteger('maxEntries', options.maxEntries);
  const now = options.now ?? (() => performance.now());
  // ttlResolution 0: read the clock on every lookup (no 1 ms memo timer), which also keeps tests exact.
  const lru = new LRUCache<string, Entry>({ max, perf: { now }, ttlResolution: 0 });
  const tagVersions = new Map<string, number>();
  const versionOf = (tag: string) => tagVersions.get(tag) ?? 0;
  const moved = (tags: readonly string[], since: TagVersions) =>
    since.length !== tags.length || tags.some((tag, i) => versionOf(tag) !== since[i]);

  return {
    async get(key) {
      const entry = lru.get(key);
      return entry === undefined ? undefined : { value: entry.value };
    },
    async versions(tags) {
      return tags.map(versionOf);
    },
    async set(key, value, { ttlMs, tags, since }) {
      if (ttlMs <= 0 || moved(tags, since)) return;
      lru.set(key, { value, tags }, { ttl: ttlMs });
    },
    async delete(key) {
      lru.delete(key);
    },
    async invalidate(tags) {
      if (tags.length === 0) return;
      for (const tag of tags) tagVersions.set(tag, versionOf(tag) + 1);
      const dropped = new Set(tags);
      // A few hundred entries at most: a scan is simpler than a tag index and fast enough.
      for (const [key, entry] of lru.entries()) {
        if (entry.tags.some((tag) => dropped.has(tag))) lru.delete(key);
      }
    },
    async close() {
      lru.clear();
    },
    get size() {
      return lru.size;
    },
  };
}
