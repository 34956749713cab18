import type { CacheStore, RateLimiter, SingleFlight } from '@mcp-panther/client';
import type { LocalState } from '../options.js';

/**
 * Small in-process parts for the tests: the Redis parts take their fallbacks as arguments and must not depend on
 * the client's own implementations. Each counts what it served.
 */
export interface CountingLocalParts extends LocalState {
  readonly counts: { cacheGets: number; acquires: number; flights: number };
}

export function createLocalParts(): CountingLocalParts {
  const counts = { cacheGets: 0, acquires: 0, flights: 0 };
  const entries = new Map<string, { value: unknown; tags: readonly string[]; expires: number }>();
  const versions = new Map<string, number>();
  const versionOf = (tag: string) => versions.get(tag) ?? 0;

  const cacheStore: CacheStore = {
    async get(key) {
      counts.cacheGets += 1;
      const entry = entries.get(key);
      if (entry === undefined || entry.expires <= Date.now()) return undefined;
      return { value: entry.value };
    },
    async versions(tags) {
      return tags.map(versionOf);
    },
    async set(key, value, { ttlMs, tags, since }) {
      if (ttlMs <= 0 || tags.some((tag, i) => versionOf(tag) !== since[i])) return;
      entries.set(key, { value, tags, expires: Date.now() + ttlMs });
    },
    async delete(key) {
      entries.delete(key);
    },
    async invalidate(tags) {
      for (const tag of tags) versions.set(tag, versionOf(tag) + 1);
      for (const [key, entry] of entries) if (entry.tags.some((t) => tags.includes(t))) entries.delete(key);
    },
  };

  const rateLimiter: RateLimiter = {
    async acquire(signal) {
      if (signal.aborted) throw signal.reason;
      counts.acquires += 1;
      return false;
    },
  };

  const flights = new Map<
    string,
    { promise: Promise<unknown>; controller: AbortController; waiters: number }
  >();
  const singleFlight: SingleFlight = {
    async run<T>(
      key: string,
      { signal }: { readonly tags: readonly string[]; readonly signal: AbortSignal },
      start: (shared: AbortSignal) => Promise<T>,
    ) {
      if (signal.aborted) throw signal.reason;
      let flight = flights.get(key);
      const joined = flight !== undefined;
      if (flight === undefined) {
        counts.flights += 1;
        const controller = new AbortController();
        const created = { promise: start(controller.signal), controller, waiters: 0 };
        created.promise.then(
          () => flights.get(key) === created && flights.delete(key),
          () => flights.get(key) === created && flights.delete(key),
        );
        flights.set(key, created);
        flight = created;
      }
      const current = flight;
      current.waiters += 1;
      const value = await new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          current.waiters -= 1;
          if (current.waiters === 0) {
            if (flights.get(key) === current) flights.delete(key);
            current.controller.abort(signal.reason);
          }
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        current.promise.then(
          (v) => {
            signal.removeEventListener('abort', onAbort);
            resolve(v as T);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
      return { value, joined };
    },
    forget() {
      // Whole-map forget is enough for these tests: no test relies on tag precision in the fallback.
      flights.clear();
    },
  };

  return { cacheStore, rateLimiter, singleFlight, counts };
}
