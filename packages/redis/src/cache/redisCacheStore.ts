import type { CacheStore } from '@mcp-panther/client';
import type { Health } from '../connection/health.js';
import { runScript } from '../connection/luaScript.js';
import { type Keys, keyPart } from '../keys.js';
import { conditionalSet, invalidateTags } from './cacheScripts.js';
import { createOutageLedger } from './outageLedger.js';

// Versions are opaque to the client, one per tag. Redis's are `redis:<counter>`; the local store's are whatever it
// answers (the in-memory store's are numbers). So an answer read while Redis was down is never checked against
// Redis counters, or the reverse.
const REDIS_VERSION = 'redis:';
const fromRedis = (version: number | string): boolean =>
  typeof version === 'string' && version.startsWith(REDIS_VERSION);
const counterOf = (version: number | string): string => String(version).slice(REDIS_VERSION.length);

const encode = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};

/**
 * A CacheStore in Redis: JSON entries with a TTL, tag version counters and tag sets, the conditional set and the
 * invalidation each one Lua script. While Redis is unusable it serves `local`; what the outage missed (local
 * entries, invalidations and deletions Redis did not see) is settled before Redis is used again.
 */
export function createRedisCacheStore(deps: {
  health: Health;
  keys: Keys;
  local: CacheStore;
  timeoutMs: number;
}): CacheStore {
  const { health, local, timeoutMs } = deps;
  const entryKey = (key: string) => deps.keys.key('c', 'e', keyPart(key));
  const versionKey = (tag: string) => deps.keys.key('c', 'v', keyPart(tag));
  const tagSetKey = (tag: string) => deps.keys.key('c', 't', keyPart(tag));
  const ledger = createOutageLedger();

  health.onRejoin(async (redis) => {
    const missed = ledger.take();
    try {
      if (missed.tags.length > 0) {
        await runScript(
          redis,
          invalidateTags,
          [...missed.tags.map(versionKey), ...missed.tags.map(tagSetKey)],
          [],
        );
      }
      if (missed.deleted.length > 0) await redis.del(...missed.deleted.map(entryKey));
    } catch (error) {
      ledger.restore(missed);
      throw error;
    }
    // Entries cached locally during the outage would be stale by the next one: other replicas kept writing.
    await Promise.all(missed.stored.map((key) => local.delete(key)));
  });

  return {
    async get(key) {
      const found = await health.attempt(timeoutMs, (redis) => redis.get(entryKey(key)));
      if (!found.ok) {
        health.fellBack('cache');
        return local.get(key);
      }
      if (found.value === null) return undefined;
      try {
        return { value: JSON.parse(found.value) as unknown };
      } catch {
        return undefined;
      }
    },

    async versions(tags) {
      if (tags.length > 0) {
        const read = await health.attempt(timeoutMs, (redis) => redis.mget(...tags.map(versionKey)));
        if (read.ok) return read.value.map((v) => `${REDIS_VERSION}${Number(v ?? 0)}`);
      } else if (health.state === 'up') {
        return [];
      }
      health.fellBack('cache');
      return local.versions(tags);
    },

    async set(key, value, { ttlMs, tags, since }) {
      if (ttlMs <= 0 || since.length !== tags.length) return;
      // Untagged entries have no counters to check: where they go depends only on whether Redis is in use.
      const redisCaptured = tags.length === 0 ? health.state === 'up' : since.every(fromRedis);
      if (!redisCaptured) {
        // Captured during an outage: keep it locally only if Redis is still out (it would be ignored otherwise).
        if (health.state === 'up' || since.some(fromRedis)) return;
        health.fellBack('cache');
        ledger.stored(key);
        await local.set(key, value, { ttlMs, tags, since });
        return;
      }
      const captured = since.map(counterOf);
      const json = encode(value);
      if (json === undefined) return;
      const stored = await health.attempt(timeoutMs, (redis) =>
        runScript(
          redis,
          conditionalSet,
          [entryKey(key), ...tags.map(versionKey), ...tags.map(tagSetKey)],
          [json, Math.ceil(ttlMs), ...captured],
        ),
      );
      // Redis went away since the versions were read: the local guard has nothing to compare with, so skip.
      if (!stored.ok) health.fellBack('cache');
    },

    async delete(key) {
      await local.delete(key);
      const done = await health.attempt(timeoutMs, (redis) => redis.del(entryKey(key)));
      if (!done.ok) {
        health.fellBack('cache');
        ledger.deleted(key);
      }
    },

    async invalidate(tags) {
      if (tags.length === 0) return;
      await local.invalidate(tags);
      const done = await health.attempt(timeoutMs, (redis) =>
        runScript(redis, invalidateTags, [...tags.map(versionKey), ...tags.map(tagSetKey)], []),
      );
      if (!done.ok) {
        health.fellBack('cache');
        ledger.invalidated(tags);
      }
    },

    async close() {
      await local.close?.();
    },
  };
}
