import { createMemoryCacheStore } from '@mcp-panther/client';
import { describe, expect, it } from 'vitest';
import type { OwnershipSettings } from '../config/schema.js';
import type { Caller } from '../types.js';
import { createOwnerRecords, ownershipFor, toolCaller } from './ownerRecords.js';

const ann: Caller = { id: 'u-ann', name: 'ann', credential: 'oauth', profile: 'analyst' };
const bob: Caller = { id: 'u-bob', name: 'bob', credential: 'oauth', profile: 'analyst' };
const rita: Caller = { id: 'u-rita', name: 'rita', credential: 'oauth', profile: 'responder' };
const HOUR = 3_600_000;

describe('owner records', () => {
  it('lets the caller that started a thing use it, and refuses every other caller', async () => {
    const records = createOwnerRecords({});
    await records.claim(ann, 'query', 'q1', HOUR);
    expect(await records.mayUse(ann, 'query', 'q1')).toBe(true);
    expect(await records.mayUse(bob, 'query', 'q1')).toBe(false);
    // Another kind of thing with the same id is another record.
    expect(await records.mayUse(ann, 'other', 'q1')).toBe(false);
  });

  it('tells callers apart by credential and id, never by display name', async () => {
    const records = createOwnerRecords({});
    const staticAlice: Caller = { id: 'token:alice', name: 'alice', credential: 'token' };
    const lookAlike: Caller = { id: 'token:alice', name: 'alice', credential: 'oauth' };
    const sameName: Caller = { id: 'u-alice-2', name: 'alice', credential: 'oauth' };
    await records.claim(staticAlice, 'query', 'q1', HOUR);
    expect(await records.mayUse(staticAlice, 'query', 'q1')).toBe(true);
    expect(await records.mayUse(lookAlike, 'query', 'q1')).toBe(false);
    expect(await records.mayUse(sameName, 'query', 'q1')).toBe(false);
  });

  it('refuses an unrecorded id by default, and serves it when the policy says so', async () => {
    let settings: OwnershipSettings = { sharedWith: 'caller', unrecorded: 'refuse' };
    const records = createOwnerRecords({ settings: () => settings });
    expect(await records.mayUse(ann, 'query', 'never-seen')).toBe(false);
    settings = { sharedWith: 'caller', unrecorded: 'serve' };
    expect(await records.mayUse(ann, 'query', 'never-seen')).toBe(true);
    // An id someone recorded stays theirs whatever `unrecorded` says.
    await records.claim(ann, 'query', 'q1', HOUR);
    expect(await records.mayUse(bob, 'query', 'q1')).toBe(false);
  });

  it('shares with the owner’s profile only when the policy says so', async () => {
    let settings: OwnershipSettings = { sharedWith: 'caller', unrecorded: 'refuse' };
    const records = createOwnerRecords({ settings: () => settings });
    await records.claim(ann, 'query', 'q1', HOUR);
    expect(await records.mayUse(bob, 'query', 'q1')).toBe(false);
    settings = { sharedWith: 'profile', unrecorded: 'refuse' };
    expect(await records.mayUse(bob, 'query', 'q1')).toBe(true);
    expect(await records.mayUse(rita, 'query', 'q1')).toBe(false);
    // A caller without a profile shares with nobody.
    const loner: Caller = { id: 'u-lee', name: 'lee', credential: 'oauth' };
    const other: Caller = { id: 'u-max', name: 'max', credential: 'oauth' };
    await records.claim(loner, 'query', 'q2', HOUR);
    expect(await records.mayUse(other, 'query', 'q2')).toBe(false);
  });

  it('lets the one caller of a single-caller server use everything, recording nothing', async () => {
    const shared = createMemoryCacheStore({ maxEntries: 10 });
    const records = createOwnerRecords({ shared });
    await records.claim(undefined, 'query', 'q1', HOUR);
    expect(shared.size).toBe(0);
    expect(await records.mayUse(undefined, 'query', 'q1')).toBe(true);
    expect(await records.mayUse(undefined, 'query', 'started-elsewhere')).toBe(true);
  });

  it('forgets a record after its TTL, and the oldest past the bound: both refused, never served', async () => {
    let now = 10_000;
    const records = createOwnerRecords({ now: () => now, maxEntries: 2 });
    await records.claim(ann, 'query', 'q1', 1_000);
    now += 1_001;
    expect(await records.mayUse(ann, 'query', 'q1')).toBe(false);
    await records.claim(ann, 'query', 'q2', HOUR);
    await records.claim(ann, 'query', 'q3', HOUR);
    await records.claim(ann, 'query', 'q4', HOUR);
    expect(await records.mayUse(ann, 'query', 'q2')).toBe(false);
    expect(await records.mayUse(ann, 'query', 'q4')).toBe(true);
  });

  it('finds in the shared store what another replica recorded, and keeps its own whatever the store holds', async () => {
    const shared = createMemoryCacheStore({ maxEntries: 10 });
    const first = createOwnerRecords({ shared });
    const second = createOwnerRecords({ shared });
    await first.claim(ann, 'query', 'q1', HOUR);
    expect(await second.mayUse(ann, 'query', 'q1')).toBe(true);
    expect(await second.mayUse(bob, 'query', 'q1')).toBe(false);
    // The store lost it (evicted, or another store after an outage): the replica that recorded it still knows.
    await shared.close();
    expect(await first.mayUse(ann, 'query', 'q1')).toBe(true);
    expect(await second.mayUse(ann, 'query', 'q1')).toBe(false);
  });

  it('fails no call when the shared store throws: the recording replica serves the owner, another refuses', async () => {
    const failing = {
      ...createMemoryCacheStore({ maxEntries: 10 }),
      get: async () => {
        throw new Error('store down');
      },
      set: async () => {
        throw new Error('store down');
      },
    };
    const first = createOwnerRecords({ shared: failing });
    const second = createOwnerRecords({ shared: failing });
    await first.claim(ann, 'query', 'q1', HOUR);
    expect(await first.mayUse(ann, 'query', 'q1')).toBe(true);
    expect(await second.mayUse(ann, 'query', 'q1')).toBe(false);
  });

  it('ignores a shared entry that is not an owner record', async () => {
    const shared = createMemoryCacheStore({ maxEntries: 10 });
    await shared.set('owner:query:q1', 'u-ann', { ttlMs: HOUR, tags: [], since: [] });
    const records = createOwnerRecords({ shared });
    expect(await records.mayUse(ann, 'query', 'q1')).toBe(false);
  });

  it('binds the records to a caller for a tool’s context', async () => {
    const records = createOwnerRecords({});
    const asAnn = ownershipFor(records, ann);
    await asAnn.claim('query', 'q1', { ttlMs: HOUR });
    expect(await asAnn.mayUse('query', 'q1')).toBe(true);
    expect(await ownershipFor(records, bob).mayUse('query', 'q1')).toBe(false);
    expect(toolCaller(ann)).toEqual({ id: 'u-ann', name: 'ann', credential: 'oauth', profile: 'analyst' });
    expect(toolCaller(undefined)).toEqual({ id: 'local', name: 'local', credential: 'local' });
  });
});
