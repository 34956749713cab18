import type { PantherApiError } from '../errors.js';

export interface RetrySettings {
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
  maxRateLimitRetries: number;
}

export interface RetryState {
  /** Whether the call may be repeated after a failure that may have reached Panther (reads only). */
  idempotent: boolean;
  /** Retries already made after transient failures. */
  retries: number;
  /** 429 answers already waited out. */
  rateLimitWaits: number;
  /** Time left before the call's deadline. */
  remainingMs: number;
}

export type RetryDecision =
  | { readonly retry: false }
  | { readonly retry: true; readonly delayMs: number; readonly reason: 'rate-limited' | 'transient' };

const STOP: RetryDecision = { retry: false };
const MAX_BACKOFF_MS = 10_000;

/**
 * What to do after a failed attempt.
 * - 429 means Panther did not process the call, so reads and writes alike wait and try again, a bounded
 *   number of times. A wait longer than `maxRetryAfterMs` or than the time left fails at once.
 * - Network errors and 500/502/503/504 are retried only for idempotent reads: a write may have happened.
 */
export function decideRetry(
  error: PantherApiError,
  state: RetryState,
  settings: RetrySettings,
  random: () => number = Math.random,
): RetryDecision {
  if (error.code === 'RATE_LIMITED') {
    if (state.rateLimitWaits >= settings.maxRateLimitRetries) return STOP;
    const delayMs =
      error.retryAfterMs ?? backoffDelay(state.rateLimitWaits, settings.retryBaseDelayMs, random);
    if (delayMs > settings.maxRetryAfterMs || delayMs >= state.remainingMs) return STOP;
    return { retry: true, delayMs, reason: 'rate-limited' };
  }
  if (!state.idempotent || state.retries >= settings.maxRetries || !isTransient(error)) return STOP;
  const delayMs = backoffDelay(state.retries, settings.retryBaseDelayMs, random);
  if (delayMs >= state.remainingMs) return STOP;
  return { retry: true, delayMs, reason: 'transient' };
}

/** Failures worth repeating a read for: the connection, or a server-side error that may pass. */
export function isTransient(error: PantherApiError): boolean {
  if (error.code === 'NETWORK') return true;
  if (error.code !== 'UPSTREAM') return false;
  return error.status === 500 || error.status === 502 || error.status === 503 || error.status === 504;
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so waits never collapse to 0. */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/** `Retry-After` as milliseconds: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
