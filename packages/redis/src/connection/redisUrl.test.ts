import { describe, expect, it } from 'vitest';
import { maskRedisUrl, redact, urlSecrets } from './redisUrl.js';

describe('maskRedisUrl', () => {
  it('masks the user name and password, and keeps host, port and database', () => {
    expect(maskRedisUrl('redis://app:s3cr%40t@cache.internal:6380/2')).toBe(
      'redis://***:***@cache.internal:6380/2',
    );
    expect(maskRedisUrl('rediss://:only-pass@cache.internal')).toBe('rediss://:***@cache.internal');
    expect(maskRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('says nothing of an unparsable URL', () => {
    expect(maskRedisUrl('redis://u:secret@[x')).toBe('(unparsable Redis URL)');
  });
});

describe('redact', () => {
  it('removes the raw and decoded password from any text', () => {
    const secrets = urlSecrets('redis://app:s3cr%40t@cache.internal');
    expect(redact('WRONGPASS for app with s3cr@t and s3cr%40t', secrets)).toBe(
      'WRONGPASS for *** with *** and ***',
    );
  });
});
