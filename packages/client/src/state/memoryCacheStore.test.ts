import { describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from './memoryCacheStore.js';
import type { TagVersions } from './types.js';

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const options = (ttlMs: number, tags: readonly string[], since: TagVersions) => ({
  ttlMs,
  tags,
  since,
});

describe('createMemoryCacheStore', () => {
  it('keeps an entry for its TTL', async () => {
    const c = clock();
    const cache = createMemoryCacheStore({ maxEntries: 10, now: c.now });
    await cache.set('k', { a: 1 }, options(1_000, ['alerts'], await cache.versions(['alerts'])));
    expect(await cache.get('k')).toEqual({ value: { a: 1 } });
    c.advance(999);
    expect(await cache.get('k')).toBeDefined();
    c.advance(2);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('stores undefined and null answers as found', async () => {
    const cache = createMemoryCacheStore({ maxEntries: 10 });
    await cache.set('u', undefined, options(1_000, [], []));
    await cache.set('n', null, options(1_000, [], []));
    expect(await cache.get('u')).toEqual({ value: undefined });
    expect(await cache.get('n')).toEqual({ value: null });
    expect(await cache.get('missing')).toBeUndefined();
  });

  it('drops entries carrying an invalidated tag, and only those', async () => {
    const cache = createMemoryCacheStore({ maxEntries: 10 });
    await cache.set('a', 1, options(10_000, ['alerts'], [0]));
    await cache.set('r', 2, options(10_000, ['rules'], [0]));
    await cache.invalidate(['alerts']);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('r')).toEqual({ value: 2 });
  });

  it('does not store a read that started before an invalidation of its tags', async () => {
    const cache = createMemoryCacheStore({ maxEntries: 10 });
    const since = await cache.versions(['alerts']);
    await cache.invalidate(['alerts']);
    await cache.set('a', 1, options(10_000, ['alerts'], since));
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('a', 1, options(10_000, ['alerts'], await cache.versions(['alerts'])));
    expect(await cache.get('a')).toEqual({ value: 1 });
  });

  it('does not store when the versions do not match the tags', async () => {
    const cache = createMemoryCacheStore({ maxEntries: 10 });
    await cache.set('a', 1, options(10_000, ['alerts', 'rules'], [0]));
    expect(await cache.get('a')).toBeUndefined();
  });

  it('takes effect when called, before the promise settles', () => {
    const cache = createMemoryCacheStore({ maxEntries: 10 });
    void cache.set('a', 1, options(10_000, ['alerts'], [0]));
    expect(cache.size).toBe(1);
    void cache.invalidate(['alerts']);
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = createMemoryCacheStore({ maxEntries: 2 });
    await cache.set('a', 1, options(10_000, [], []));
    await cache.set('b', 2, options(10_000, [], []));
    await cache.get('a');
    await cache.set('c', 3, options(10_000, [], []));
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toEqual({ value: 1 });
    expect(cache.size).toBe(2);
  });

  it('stores nothing when the TTL is 0, and deletes and clears on request', async () => {
    const cache = createMemoryCacheStore({ maxEntries: 10 });
    await cache.set('k', 1, options(0, [], []));
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('k', 1, options(10_000, [], []));
    await cache.set('j', 2, options(10_000, [], []));
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    await cache.close();
    expect(cache.size).toBe(0);
  });
});
