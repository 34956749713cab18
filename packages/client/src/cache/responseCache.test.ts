import { describe, expect, it } from 'vitest';
import { createResponseCache } from './responseCache.js';

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createResponseCache', () => {
  it('keeps an entry for its TTL', () => {
    const c = clock();
    const cache = createResponseCache({ enabled: true, maxEntries: 10, now: c.now });
    cache.store('k', { a: 1 }, 1_000, ['alerts'], cache.versions(['alerts']));
    expect(cache.lookup('k')).toEqual({ found: true, value: { a: 1 } });
    c.advance(999);
    expect(cache.lookup('k').found).toBe(true);
    c.advance(2);
    expect(cache.lookup('k').found).toBe(false);
  });

  it('stores undefined answers as found', () => {
    const cache = createResponseCache({ enabled: true, maxEntries: 10 });
    cache.store('k', undefined, 1_000, [], []);
    expect(cache.lookup('k')).toEqual({ found: true, value: undefined });
  });

  it('drops entries carrying an invalidated tag, and only those', () => {
    const cache = createResponseCache({ enabled: true, maxEntries: 10 });
    cache.store('a', 1, 10_000, ['alerts'], [0]);
    cache.store('r', 2, 10_000, ['rules'], [0]);
    cache.invalidate(['alerts']);
    expect(cache.lookup('a').found).toBe(false);
    expect(cache.lookup('r').found).toBe(true);
  });

  it('does not store a read that started before an invalidation of its tags', () => {
    const cache = createResponseCache({ enabled: true, maxEntries: 10 });
    const since = cache.versions(['alerts']);
    cache.invalidate(['alerts']);
    cache.store('a', 1, 10_000, ['alerts'], since);
    expect(cache.lookup('a').found).toBe(false);
    cache.store('a', 1, 10_000, ['alerts'], cache.versions(['alerts']));
    expect(cache.lookup('a').found).toBe(true);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = createResponseCache({ enabled: true, maxEntries: 2 });
    cache.store('a', 1, 10_000, [], []);
    cache.store('b', 2, 10_000, [], []);
    cache.lookup('a');
    cache.store('c', 3, 10_000, [], []);
    expect(cache.lookup('b').found).toBe(false);
    expect(cache.lookup('a').found).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('stores nothing when disabled or when the TTL is 0', () => {
    const disabled = createResponseCache({ enabled: false, maxEntries: 10 });
    disabled.store('k', 1, 10_000, [], []);
    expect(disabled.lookup('k').found).toBe(false);
    const enabled = createResponseCache({ enabled: true, maxEntries: 10 });
    enabled.store('k', 1, 0, [], []);
    expect(enabled.lookup('k').found).toBe(false);
  });
});
