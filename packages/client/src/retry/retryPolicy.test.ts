import { describe, expect, it } from 'vitest';
import { PantherApiError } from '../errors.js';
import { backoffDelay, decideRetry, parseRetryAfter, type RetryState } from './retryPolicy.js';

const settings = { maxRetries: 2, retryBaseDelayMs: 100, maxRetryAfterMs: 5_000, maxRateLimitRetries: 2 };
const read: RetryState = { idempotent: true, retries: 0, rateLimitWaits: 0, remainingMs: 30_000 };
const write: RetryState = { ...read, idempotent: false };
const upstream = (status: number) => new PantherApiError('UPSTREAM', 'x', { status });
const half = () => 0.5;

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(' 1.5 ')).toBe(1_500);
  });
  it('reads an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt with jitter between half and the whole step', () => {
    expect(backoffDelay(0, 100, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, () => 1)).toBe(100);
    expect(backoffDelay(2, 100, () => 0)).toBe(200);
    expect(backoffDelay(2, 100, () => 1)).toBe(400);
  });
  it('is capped', () => {
    expect(backoffDelay(30, 100, () => 1)).toBe(10_000);
  });
});

describe('decideRetry', () => {
  it('retries reads on 500/502/503/504 and network errors', () => {
    for (const status of [500, 502, 503, 504]) {
      expect(decideRetry(upstream(status), read, settings, half)).toMatchObject({
        retry: true,
        reason: 'transient',
      });
    }
    expect(decideRetry(new PantherApiError('NETWORK', 'x'), read, settings, half).retry).toBe(true);
  });

  it('never retries a write after a failure that may have reached Panther', () => {
    for (const error of [upstream(500), upstream(503), new PantherApiError('NETWORK', 'x')]) {
      expect(decideRetry(error, write, settings, half).retry).toBe(false);
    }
  });

  it('does not retry client errors or timeouts', () => {
    for (const code of ['AUTH', 'PERMISSION', 'NOT_FOUND', 'INVALID_INPUT', 'TIMEOUT'] as const) {
      expect(decideRetry(new PantherApiError(code, 'x', { status: 400 }), read, settings, half).retry).toBe(
        false,
      );
    }
  });

  it('stops after maxRetries', () => {
    expect(decideRetry(upstream(503), { ...read, retries: 2 }, settings, half).retry).toBe(false);
  });

  it('waits out a 429 for reads and writes alike, for Retry-After', () => {
    const limited = new PantherApiError('RATE_LIMITED', 'x', { status: 429, retryAfterMs: 2_000 });
    expect(decideRetry(limited, write, settings, half)).toEqual({
      retry: true,
      delayMs: 2_000,
      reason: 'rate-limited',
    });
    expect(decideRetry(limited, read, settings, half)).toEqual({
      retry: true,
      delayMs: 2_000,
      reason: 'rate-limited',
    });
  });

  it('gives up on a 429 whose wait is too long, would pass the deadline, or came too often', () => {
    const long = new PantherApiError('RATE_LIMITED', 'x', { status: 429, retryAfterMs: 60_000 });
    expect(decideRetry(long, read, settings, half).retry).toBe(false);
    const short = new PantherApiError('RATE_LIMITED', 'x', { status: 429, retryAfterMs: 1_000 });
    expect(decideRetry(short, { ...read, remainingMs: 500 }, settings, half).retry).toBe(false);
    expect(decideRetry(short, { ...read, rateLimitWaits: 2 }, settings, half).retry).toBe(false);
  });

  it('backs off when a 429 has no Retry-After', () => {
    const limited = new PantherApiError('RATE_LIMITED', 'x', { status: 429 });
    expect(decideRetry(limited, read, settings, half)).toEqual({
      retry: true,
      delayMs: 75,
      reason: 'rate-limited',
    });
  });
});
