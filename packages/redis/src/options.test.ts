import { describe, expect, it } from 'vitest';
import { createRedisClientState } from './createRedisClientState.js';
import { type RedisClientStateOptions, resolveRedisOptions } from './options.js';
import { createLocalParts } from './testdata/localParts.js';

const base = (): RedisClientStateOptions => ({
  url: 'redis://127.0.0.1:6379',
  namespace: 'acme.perm-1',
  local: createLocalParts(),
});

describe('createRedisClientState options', () => {
  it('fills in the defaults', () => {
    const resolved = resolveRedisOptions(base());
    expect(resolved.timeouts).toEqual({
      cacheMs: 150,
      singleFlightMs: 150,
      rateLimiterMs: 200,
      connectMs: 1000,
      probeIntervalMs: 1000,
    });
    expect(resolved).toMatchObject({ requestsPerSecond: 20, burst: 20, singleFlightLeaseMs: 5000 });
  });

  it.each([
    [{ url: 'http://127.0.0.1:6379' }, /url must use redis:\/\/ or rediss:\/\/, got http:\/\//],
    [{ url: '' }, /url must be a redis:\/\/ or rediss:\/\/ URL string/],
    [{ namespace: '' }, /namespace must be 1 to 200 characters/],
    [{ timeouts: { cacheMs: 0 } }, /timeouts\.cacheMs must be a number of milliseconds above 0/],
    [{ timeouts: { rateLimiterMs: Number.NaN } }, /timeouts\.rateLimiterMs must be/],
    [{ rateLimit: { requestsPerSecond: -1 } }, /rateLimit\.requestsPerSecond must be above 0/],
    [
      { rateLimit: { requestsPerSecond: 5, burst: 0.5 } },
      /rateLimit\.burst must be a whole number of at least 1, got 0\.5/,
    ],
    [{ singleFlightLeaseMs: -5 }, /singleFlightLeaseMs must be/],
    [{ local: { ...createLocalParts(), rateLimiter: {} } }, /local\.rateLimiter must be a RateLimiter/],
    [{ local: undefined }, /local\.cacheStore must be a CacheStore/],
  ])('rejects %j with a message naming the option', (override, message) => {
    expect(() =>
      createRedisClientState({ ...base(), ...(override as Partial<RedisClientStateOptions>) }),
    ).toThrow(message);
  });

  it('never echoes a bad namespace or a bad URL, which may hold a secret', () => {
    const namespaceError = messageOf(() =>
      createRedisClientState({ ...base(), namespace: 'pat_3xAmPle Token' }),
    );
    expect(namespaceError).toMatch(/got 17 characters, including " "/);
    expect(namespaceError).not.toContain('pat_3xAmPle');
    const urlError = messageOf(() =>
      createRedisClientState({ ...base(), url: 'redis://user:pa55w0rd@[bad' }),
    );
    expect(urlError).toMatch(/url is not a valid URL/);
    expect(urlError).not.toContain('pa55w0rd');
  });
});

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return String(error);
  }
  throw new Error('expected an error');
}
