import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../testing/redisServer.js';
import { checkRedis, isRedisAuthError } from './checkRedis.js';

const PASSWORD = 'check-redis-pa55word';

describe('isRedisAuthError', () => {
  it('knows a refused or missing password from an outage', () => {
    expect(isRedisAuthError(new Error('WRONGPASS invalid username-password pair or user is disabled.'))).toBe(
      true,
    );
    expect(isRedisAuthError(new Error('NOAUTH Authentication required.'))).toBe(true);
    expect(isRedisAuthError(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBe(false);
  });
});

describeWithPrograms(['redis-server'], 'checkRedis against a real Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
    const admin = new Redis(`redis://:${PASSWORD}@127.0.0.1:${redis.port}`);
    // An ACL user that may read and write keys but not run scripts.
    await admin.call(
      'ACL',
      'SETUSER',
      'noscripts',
      'on',
      '>noscripts-pa55word',
      '~*',
      '+@all',
      '-@scripting',
    );
    admin.disconnect();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('passes a reachable Redis that accepts the password and loads every script', async () => {
    const check = await checkRedis(`redis://:${PASSWORD}@127.0.0.1:${redis.port}`);
    expect(check).toMatchObject({ ok: true, kind: 'ok' });
    expect(check.detail).not.toContain(PASSWORD);
  });

  it('names a wrong password as a configuration error, without echoing it', async () => {
    const check = await checkRedis(`redis://:not-the-password@127.0.0.1:${redis.port}`);
    expect(check).toMatchObject({ ok: false, kind: 'auth' });
    expect(check.detail).toContain('WRONGPASS');
    expect(check.fix).toContain('MCP_PANTHER_REDIS_URL');
    expect(JSON.stringify(check)).not.toContain('not-the-password');
  });

  it('names a missing password as a configuration error', async () => {
    const check = await checkRedis(`redis://127.0.0.1:${redis.port}`);
    expect(check).toMatchObject({ ok: false, kind: 'auth' });
    expect(check.detail).toContain('NOAUTH');
  });

  it('says when the user may not run the scripts', async () => {
    const check = await checkRedis(`redis://noscripts:noscripts-pa55word@127.0.0.1:${redis.port}`);
    expect(check).toMatchObject({ ok: false, kind: 'scripts' });
    expect(check.fix).toContain('+@scripting');
  });

  it('says when nothing answers', async () => {
    const gone = await startRedisServer();
    await gone.stop();
    const check = await checkRedis(gone.url, 1_000);
    expect(check).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(check.detail).toContain('ECONNREFUSED');
  });
});
