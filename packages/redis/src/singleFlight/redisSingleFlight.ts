import { randomUUID } from 'node:crypto';
import type { SingleFlight, SingleFlightRunOptions } from '@mcp-panther/client';
import type { Health } from '../connection/health.js';
import { runScript } from '../connection/luaScript.js';
import { type Keys, keyPart } from '../keys.js';
import type { FlightNotices } from './flightNotices.js';
import { acquireLease, finishFlight, forgetTags, renewLease, takeOverLease } from './singleFlightScripts.js';

/** What one process's flight brings back: the value, and whether another replica made the upstream call. */
interface Outcome<T> {
  readonly value: T;
  readonly remote: boolean;
}

/** A stored outcome: `{ ok: true, v }` for a value, `{ ok: false }` when the leader's call failed or was cut. */
interface StoredOutcome {
  readonly ok: boolean;
  readonly v?: unknown;
}

const parseOutcome = (json: string): StoredOutcome => {
  try {
    const parsed = JSON.parse(json) as StoredOutcome | null;
    return parsed !== null && typeof parsed === 'object' ? parsed : { ok: false };
  } catch {
    return { ok: false };
  }
};

// Leadership passes on when a leader fails or vanishes; after this many hand-overs the caller runs the call itself.
const MAX_ROUNDS = 3;

/**
 * SingleFlight across replicas. In one process `local` coalesces identical calls (and owns per-caller abort:
 * the shared call is cut only when every caller has gone); across processes one of them takes a lease in Redis
 * (SET NX PX, renewed while its call runs) and makes the upstream call, the others wait for its outcome (a
 * notice on a channel, with a poll as back-up) and read it from Redis. A follower whose leader failed or
 * vanished tries to lead in its place (all of that leader's followers agree on one successor, see
 * `takeOverLease`); while Redis is unusable each process runs the call itself.
 */
export function createRedisSingleFlight(deps: {
  health: Health;
  keys: Keys;
  local: SingleFlight;
  notices: FlightNotices;
  channel: string;
  leaseMs: number;
  timeoutMs: number;
}): SingleFlight & { readonly stats: { remoteJoins: number; leads: number; following: number } } {
  const { health, local, notices, leaseMs, timeoutMs } = deps;
  const leaseKey = (key: string) => deps.keys.key('sf', 'l', keyPart(key));
  const outcomeKey = (key: string, flightId: string) => deps.keys.key('sf', 'o', keyPart(key), flightId);
  const tagSetKey = (tag: string) => deps.keys.key('sf', 't', keyPart(tag));
  const successorKey = (key: string, ended: string) => deps.keys.key('sf', 's', keyPart(key), ended);
  // Followers look again this often even without a notice (a lost notice, a dead leader).
  const pollMs = Math.max(10, Math.min(1000, leaseMs / 2));
  const stats = { remoteJoins: 0, leads: 0, following: 0 };
  notices.listen(deps.channel);

  // Tags forgotten while Redis was out: their leases may still be renewed by a live leader, so drop them first.
  let missedForgets = new Set<string>();

  health.onDown(() => notices.wakeAll());
  health.onRejoin(async (redis) => {
    const tags = [...missedForgets];
    if (tags.length === 0) return;
    missedForgets = new Set();
    try {
      await runScript(redis, forgetTags, tags.map(tagSetKey), []);
    } catch (error) {
      for (const tag of tags) missedForgets.add(tag);
      throw error;
    }
  });

  const alone = async <T>(
    shared: AbortSignal,
    start: (shared: AbortSignal) => Promise<T>,
  ): Promise<Outcome<T>> => {
    health.fellBack('singleFlight');
    return { value: await start(shared), remote: false };
  };

  const lead = async <T>(
    key: string,
    tags: readonly string[],
    flightId: string,
    shared: AbortSignal,
    start: (shared: AbortSignal) => Promise<T>,
  ): Promise<Outcome<T>> => {
    stats.leads += 1;
    const leaseKeys = [leaseKey(key), ...tags.map(tagSetKey)];
    const renewal = setInterval(() => {
      void health.attempt(timeoutMs, (redis) => runScript(redis, renewLease, leaseKeys, [flightId, leaseMs]));
    }, leaseMs / 3);
    renewal.unref();
    const finish = (outcome: StoredOutcome) => {
      clearInterval(renewal);
      let json: string;
      try {
        json = JSON.stringify(outcome);
      } catch {
        json = JSON.stringify({ ok: false });
      }
      // Not awaited: the leader's callers do not wait on Redis; the same connection keeps the order of commands.
      void health.attempt(timeoutMs, (redis) =>
        runScript(
          redis,
          finishFlight,
          [leaseKey(key), outcomeKey(key, flightId)],
          [flightId, json, leaseMs, deps.channel],
        ),
      );
    };
    try {
      const value = await start(shared);
      finish({ ok: true, v: value });
      return { value, remote: false };
    } catch (error) {
      finish({ ok: false });
      throw error;
    }
  };

  /** `value` when the leader's outcome arrived, `retry` when it failed or vanished, `alone` when Redis is gone. */
  const follow = async <T>(
    key: string,
    holder: string,
    shared: AbortSignal,
  ): Promise<{ kind: 'value'; value: T } | { kind: 'retry' | 'alone' }> => {
    const watch = notices.watch(holder);
    stats.following += 1;
    try {
      for (;;) {
        const seen = await health.attempt(timeoutMs, (redis) =>
          redis.mget(outcomeKey(key, holder), leaseKey(key)),
        );
        if (!seen.ok) return { kind: 'alone' };
        const [stored, current] = seen.value;
        if (stored !== null && stored !== undefined) {
          const outcome = parseOutcome(stored);
          return outcome.ok ? { kind: 'value', value: outcome.v as T } : { kind: 'retry' };
        }
        if (current !== holder) return { kind: 'retry' };
        if ((await watch.next(pollMs, shared)) === 'down') return { kind: 'alone' };
      }
    } finally {
      stats.following -= 1;
      watch.close();
    }
  };

  const across = async <T>(
    key: string,
    tags: readonly string[],
    shared: AbortSignal,
    start: (shared: AbortSignal) => Promise<T>,
    onJoin: (() => void) | undefined,
  ): Promise<Outcome<T>> => {
    const flightId = randomUUID();
    const tagKeys = tags.map(tagSetKey);
    // The flight this caller followed that ended without a value: its successor is asked for, not any lease.
    let ended: string | undefined;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const after = ended;
      const taken = await health.attempt(timeoutMs, (redis) =>
        after === undefined
          ? runScript(redis, acquireLease, [leaseKey(key), ...tagKeys], [flightId, leaseMs])
          : runScript(
              redis,
              takeOverLease,
              [leaseKey(key), successorKey(key, after), ...tagKeys],
              [flightId, leaseMs],
            ),
      );
      if (!taken.ok || typeof taken.value !== 'string') return alone(shared, start);
      if (taken.value === flightId) return lead(key, tags, flightId, shared, start);
      // The client tells a join from a hang only by this call (a follower neither starts nor answers for a while).
      onJoin?.();
      const followed = await follow<T>(key, taken.value, shared);
      if (followed.kind === 'value') {
        stats.remoteJoins += 1;
        return { value: followed.value, remote: true };
      }
      if (followed.kind === 'alone') return alone(shared, start);
      ended = taken.value;
    }
    return alone(shared, start);
  };

  return {
    async run<T>(key: string, options: SingleFlightRunOptions, start: (shared: AbortSignal) => Promise<T>) {
      // Callers joining this process's flight are reported by `local`; its first caller, by `across`.
      const result = await local.run<Outcome<T>>(key, options, (shared) =>
        health.state === 'up'
          ? across(key, options.tags, shared, start, options.onJoin)
          : alone(shared, start),
      );
      return { value: result.value.value, joined: result.joined || result.value.remote };
    },

    async forget(tags) {
      if (tags.length === 0) return;
      await local.forget(tags);
      const done = await health.attempt(timeoutMs, (redis) =>
        runScript(redis, forgetTags, tags.map(tagSetKey), []),
      );
      if (!done.ok) {
        health.fellBack('singleFlight');
        for (const tag of tags) missedForgets.add(tag);
      }
    },

    async close() {
      await local.close?.();
    },

    stats,
  };
}
