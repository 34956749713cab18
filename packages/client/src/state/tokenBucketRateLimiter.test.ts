import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenBucketRateLimiter } from './tokenBucketRateLimiter.js';

describe('createTokenBucketRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('grants one call per interval, in order, once the burst is used', async () => {
    const limiter = createTokenBucketRateLimiter({ requestsPerSecond: 10, burst: 1 }); // one every 100 ms, no burst
    const signal = new AbortController().signal;
    const granted: number[] = [];
    const waits = [0, 1, 2, 3].map((i) =>
      limiter.acquire(signal).then((waited) => {
        granted.push(i);
        return waited;
      }),
    );

    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0]);
    await vi.advanceTimersByTimeAsync(99);
    expect(granted).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(200);
    expect(granted).toEqual([0, 1, 2, 3]);
    expect(await Promise.all(waits)).toEqual([false, true, true, true]);
  });

  it('lets a burst through at once, then holds the sustained rate', async () => {
    const limiter = createTokenBucketRateLimiter({ requestsPerSecond: 10, burst: 3 });
    const signal = new AbortController().signal;
    const granted: number[] = [];
    const waits = [0, 1, 2, 3, 4].map((i) =>
      limiter.acquire(signal).then((waited) => {
        granted.push(i);
        return waited;
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(100);
    expect(granted).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(100);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
    expect(await Promise.all(waits)).toEqual([false, false, false, true, true]);
  });

  it('refills the burst after an idle period, but never beyond it', async () => {
    const limiter = createTokenBucketRateLimiter({ requestsPerSecond: 10, burst: 2 });
    const signal = new AbortController().signal;
    await Promise.all([limiter.acquire(signal), limiter.acquire(signal)]);
    await vi.advanceTimersByTimeAsync(10_000);
    const results = await Promise.all([limiter.acquire(signal), limiter.acquire(signal)]);
    expect(results).toEqual([false, false]);
    const third = limiter.acquire(signal);
    expect(limiter.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    await expect(third).resolves.toBe(true);
  });

  it('does not make a caller wait after an idle period', async () => {
    const limiter = createTokenBucketRateLimiter({ requestsPerSecond: 10, burst: 1 });
    const signal = new AbortController().signal;
    await limiter.acquire(signal);
    await vi.advanceTimersByTimeAsync(500);
    await expect(limiter.acquire(signal)).resolves.toBe(false);
  });

  it('lets an aborted waiter leave the queue without using a slot', async () => {
    const limiter = createTokenBucketRateLimiter({ requestsPerSecond: 10, burst: 1 });
    const first = new AbortController();
    const second = new AbortController();
    await limiter.acquire(first.signal);
    const leaving = limiter.acquire(second.signal);
    const staying = limiter.acquire(new AbortController().signal);
    expect(limiter.waiting).toBe(2);

    second.abort(new Error('gone'));
    await expect(leaving).rejects.toThrow('gone');
    expect(limiter.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    await expect(staying).resolves.toBe(true);
  });

  it('rejects an already aborted signal at once', async () => {
    const limiter = createTokenBucketRateLimiter({ requestsPerSecond: 10 });
    await expect(limiter.acquire(AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
  });

  it('rejects every waiter on close', async () => {
    const limiter = createTokenBucketRateLimiter({ requestsPerSecond: 1 });
    const signal = new AbortController().signal;
    await limiter.acquire(signal);
    const waiting = limiter.acquire(signal);
    limiter.close(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never waits when the rate is unlimited', async () => {
    const limiter = createTokenBucketRateLimiter({ requestsPerSecond: Number.POSITIVE_INFINITY });
    const signal = new AbortController().signal;
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.acquire(signal)));
    expect(results.every((waited) => waited === false)).toBe(true);
  });
});
