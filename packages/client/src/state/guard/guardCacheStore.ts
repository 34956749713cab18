import type { CacheStore, TagVersions } from '../types.js';
import type { PartMonitor } from './monitor.js';
import { invoke, within } from './within.js';

/** A cache lookup: the entry, a miss the store answered, or a store that failed or did not answer in time. */
export type CacheLookup = { readonly value: unknown } | 'miss' | 'failed';

/** A `CacheStore` as the client uses it: never rejects (except with the caller's abort) and never hangs. */
export interface GuardedCache {
  get(key: string, signal: AbortSignal): Promise<CacheLookup>;
  /** The tags' versions, or undefined when the store failed (the answer is then not stored). */
  versions(tags: readonly string[], signal: AbortSignal): Promise<TagVersions | undefined>;
  /** Stores in the background: the caller does not wait for it. */
  set(key: string, value: unknown, options: Parameters<CacheStore['set']>[2]): void;
  invalidate(tags: readonly string[]): Promise<void>;
}

/**
 * Wraps a store so that a failure or a wait longer than `timeoutMs` counts as a miss (reads) or is reported
 * and passed by (writes): the call goes on as if there were no cache.
 */
export function guardCacheStore(store: CacheStore, monitor: PartMonitor, timeoutMs: number): GuardedCache {
  const failed = (operation: string, signal?: AbortSignal) => (error: unknown) => {
    if (signal?.aborted) throw signal.reason;
    monitor.failed('cacheStore', operation, error);
    return undefined;
  };
  return {
    get(key, signal) {
      return within(
        invoke(() => store.get(key)),
        timeoutMs,
        signal,
      ).then(
        (hit): CacheLookup => (isHit(hit) ? hit : 'miss'),
        (error: unknown): CacheLookup => {
          failed('get', signal)(error);
          return 'failed';
        },
      );
    },
    versions(tags, signal) {
      return within(
        invoke(() => store.versions(tags)),
        timeoutMs,
        signal,
      ).then(
        (versions) => {
          if (Array.isArray(versions) && versions.length === tags.length) return versions;
          monitor.failed(
            'cacheStore',
            'versions',
            new TypeError('versions() did not answer one version per tag'),
          );
          return undefined;
        },
        failed('versions', signal),
      );
    },
    set(key, value, options) {
      within(
        invoke(() => store.set(key, value, options)),
        timeoutMs,
      ).catch(failed('set'));
    },
    async invalidate(tags) {
      if (tags.length === 0) return;
      await within(
        invoke(() => store.invalidate(tags)),
        timeoutMs,
      ).catch(failed('invalidate'));
    },
  };
}

function isHit(hit: unknown): hit is { readonly value: unknown } {
  return typeof hit === 'object' && hit !== null && 'value' in hit;
}
