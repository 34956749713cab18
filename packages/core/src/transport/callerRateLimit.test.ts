import { describe, expect, it } from 'vitest';
import { createCallerRateLimit } from './callerRateLimit.js';

describe('per-caller rate limit', () => {
  it('allows a burst, then one request per interval, and says how long to wait', () => {
    const clock = { now: 0 };
    const rate = createCallerRateLimit(() => clock.now);
    const rule = { requestsPerMinute: 6, burst: 2 };
    expect(rate.take('alice', rule)).toBeUndefined();
    expect(rate.take('alice', rule)).toBeUndefined();
    expect(rate.take('alice', rule)).toBe(10);
    // Another caller has a budget of its own.
    expect(rate.take('bob', rule)).toBeUndefined();
    clock.now = 4_000;
    expect(rate.take('alice', rule)).toBe(6);
    clock.now = 10_000;
    expect(rate.take('alice', rule)).toBeUndefined();
    expect(rate.take('alice', rule)).toBe(10);
  });

  it('takes one call per message of a batch, all or none', () => {
    const clock = { now: 0 };
    const rate = createCallerRateLimit(() => clock.now);
    const rule = { requestsPerMinute: 6, burst: 5 };
    expect(rate.take('alice', rule, 3)).toBeUndefined();
    // Two left: a batch of three is refused whole and takes nothing.
    expect(rate.take('alice', rule, 3)).toBe(10);
    expect(rate.take('alice', rule, 2)).toBeUndefined();
    expect(rate.take('alice', rule)).toBe(10);
    // More than the burst never fits.
    clock.now = 60_000;
    expect(rate.take('alice', rule, 6)).toBeGreaterThan(0);
    expect(rate.take('alice', rule, 5)).toBeUndefined();
  });

  it('forgets callers whose budget has refilled, so the table stays bounded', () => {
    const clock = { now: 0 };
    const rate = createCallerRateLimit(() => clock.now);
    const rule = { requestsPerMinute: 60 };
    for (let i = 0; i < 3000; i++) rate.take(`caller-${i}`, rule);
    expect(rate.size).toBe(3000);
    clock.now = 120_000;
    rate.take('late', rule);
    expect(rate.size).toBe(1);
  });
});
