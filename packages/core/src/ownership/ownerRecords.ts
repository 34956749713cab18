/**
 * Who started what a tool hands out by id and takes back later (a data lake query's id and its result pages): one
 * record per id, the caller that started it. On a server that tells callers apart (`server.auth`), only that caller
 * (or, when the policy says so, its profile) may use the id again; every other caller is refused the same way
 * whether the id exists or not. Over stdio and HTTP without `server.auth` there is one caller: nothing is recorded
 * and everything is allowed.
 *
 * Records live in this process (bounded, each for as long as its thing stays usable) and, with a shared store, in
 * it too, so that every replica knows them. Reads look here first: the replica that recorded an id keeps knowing it
 * whatever the shared store does; another replica that cannot reach the store finds no record, which is refused.
 */
import { type CacheStore, createMemoryCacheStore } from '@mcp-panther/client';
import { OWNERSHIP_DEFAULTS, type OwnershipSettings } from '../config/schema.js';
import type { Ownership, ToolCaller } from '../define/types.js';
import type { Caller } from '../types.js';

/** The host's owner records, for any caller (a tool's context binds them to its caller: `ToolContext.ownership`). */
export interface OwnerRecords {
  /** Records `caller` as the owner of `kind`/`id` for `ttlMs`. Does nothing for the one caller of a single-caller server. */
  claim(caller: Caller | undefined, kind: string, id: string, ttlMs: number): Promise<void>;
  /** Whether `caller` may use `kind`/`id`: its own (or its profile's, by the policy), or unrecorded and allowed. */
  mayUse(caller: Caller | undefined, kind: string, id: string): Promise<boolean>;
}

interface OwnerRecord {
  readonly caller: string;
  readonly profile?: string | undefined;
}

/** Records kept in this process at most (about 100 bytes each). */
export const MAX_LOCAL_OWNER_RECORDS = 10_000;

/** Unique per caller: display names collide, and an OAuth subject may be spelled like a static token's id. */
const callerKey = (caller: Caller): string => `${caller.credential}:${caller.id}`;
const recordKey = (kind: string, id: string): string => `owner:${kind}:${id}`;

function isOwnerRecord(value: unknown): value is OwnerRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { caller, profile } = value as Record<string, unknown>;
  return typeof caller === 'string' && (profile === undefined || typeof profile === 'string');
}

export interface OwnerRecordsOptions {
  /** The policy in force (read at each check, so a reload applies). Default: `OWNERSHIP_DEFAULTS`. */
  readonly settings?: (() => OwnershipSettings) | undefined;
  /** Where replicas share records (the shared store's cache for the owners' scope); absent: this process only. */
  readonly shared?: CacheStore | undefined;
  /** Records kept in this process at most. Default `MAX_LOCAL_OWNER_RECORDS`. */
  readonly maxEntries?: number | undefined;
  /** Clock for TTLs, in ms (tests). */
  readonly now?: (() => number) | undefined;
}

export function createOwnerRecords(
  options: OwnerRecordsOptions = {},
): OwnerRecords & { close(): Promise<void> } {
  const local = createMemoryCacheStore({
    maxEntries: options.maxEntries ?? MAX_LOCAL_OWNER_RECORDS,
    now: options.now,
  });
  const { shared } = options;

  const find = async (key: string): Promise<OwnerRecord | undefined> => {
    const here = await local.get(key);
    if (here !== undefined) return isOwnerRecord(here.value) ? here.value : undefined;
    // A shared store that fails counts as one without the record (refused): it never fails the call.
    const there = shared === undefined ? undefined : await shared.get(key).catch(() => undefined);
    return there !== undefined && isOwnerRecord(there.value) ? there.value : undefined;
  };

  return {
    async claim(caller, kind, id, ttlMs) {
      if (caller === undefined) return;
      const key = recordKey(kind, id);
      const record: OwnerRecord = {
        caller: callerKey(caller),
        ...(caller.profile === undefined ? {} : { profile: caller.profile }),
      };
      // Untagged: nothing invalidates an owner (an id has one owner for its whole life).
      await local.set(key, record, { ttlMs, tags: [], since: [] });
      // Kept here whatever the shared store does: this replica serves the owner even when the store failed.
      if (shared !== undefined) await shared.set(key, record, { ttlMs, tags: [], since: [] }).catch(() => {});
    },
    async mayUse(caller, kind, id) {
      if (caller === undefined) return true;
      const settings = options.settings?.() ?? OWNERSHIP_DEFAULTS;
      const record = await find(recordKey(kind, id));
      if (record === undefined) return settings.unrecorded === 'serve';
      if (record.caller === callerKey(caller)) return true;
      return (
        settings.sharedWith === 'profile' && record.profile !== undefined && record.profile === caller.profile
      );
    },
    async close() {
      await local.close();
      await shared?.close?.();
    },
  };
}

/** The one caller of a stdio server (or of HTTP without `server.auth`), as a tool sees it. */
export const LOCAL_CALLER: ToolCaller = { id: 'local', name: 'local', credential: 'local' };

/** The caller a tool sees: the transport's, or the local one. */
export function toolCaller(caller: Caller | undefined): ToolCaller {
  if (caller === undefined) return LOCAL_CALLER;
  return {
    id: caller.id,
    name: caller.name,
    credential: caller.credential,
    ...(caller.profile === undefined ? {} : { profile: caller.profile }),
  };
}

/** The records as one caller's tool sees them (`ToolContext.ownership`). */
export function ownershipFor(records: OwnerRecords, caller: Caller | undefined): Ownership {
  return {
    claim: (kind, id, { ttlMs }) => records.claim(caller, kind, id, ttlMs),
    mayUse: (kind, id) => records.mayUse(caller, kind, id),
  };
}
