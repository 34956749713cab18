import { type RedisServer, startRedisServer } from '@mcp-panther/redis/testing';
import type { Sandbox } from '@mcp-panther/sandbox';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from './testdata/faultProxy.js';
import { assertBuilt, baseEnv, killAll, runCli, startHttp, startPanther } from './testdata/harness.js';

// Start-up and readiness of the built server: it refuses to start when Panther cannot serve a single call (a
// rejected token, no answer, a URL that is not Panther) or Redis refuses the credentials, each with the reason
// and the fix; started anyway (--allow-unreachable), `/readyz` follows Panther and Redis as they go and come back.

const REDIS_PASSWORD = 'readiness-redis-pa55word';
const BAD_TOKEN = 'not-a-valid-token-readiness';

let panther: Sandbox;
let proxy: FaultProxy;
let redis: RedisServer;

const env = (extra: Record<string, string> = {}) =>
  baseEnv({
    PANTHER_INSTANCE_URL: proxy.url,
    PANTHER_API_TOKEN: panther.tokens.admin,
    LOG_LEVEL: 'info',
    ...extra,
  });

interface ReadyAnswer {
  status: number;
  body: { status: string; panther: string; sharedStore?: string };
}

async function readyz(mcpUrl: string): Promise<ReadyAnswer> {
  const response = await fetch(new URL('/readyz', mcpUrl));
  return { status: response.status, body: (await response.json()) as ReadyAnswer['body'] };
}

/** Asks `/readyz` until `wanted` holds (bounded: the readiness answer is at most a few seconds old). */
async function readyzUntil(mcpUrl: string, wanted: (answer: ReadyAnswer) => boolean): Promise<ReadyAnswer> {
  let last: ReadyAnswer | undefined;
  for (let i = 0; i < 60; i++) {
    last = await readyz(mcpUrl);
    if (wanted(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`/readyz never answered as expected; last: ${JSON.stringify(last)}`);
}

/** What every refused start-up shares: exit code 1, the code, a fix, and no stack trace or secret. */
function expectRefused(run: { code: number | null; stderr: string }, code: string, ...secrets: string[]) {
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`[${code}]`);
  expect(run.stderr).toMatch(/\nFix: \S/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const secret of secrets) expect(run.stderr).not.toContain(secret);
}

describeWithPrograms(['redis-server'], 'start-up checks and /readyz', () => {
  beforeAll(async () => {
    assertBuilt();
    [panther, redis] = await Promise.all([startPanther(), startRedisServer({ password: REDIS_PASSWORD })]);
    proxy = await startFaultProxy(panther.url);
  }, 120_000);
  afterEach(async () => {
    await killAll();
    proxy.set({ kind: 'pass' });
  });
  afterAll(async () => {
    await killAll();
    await proxy?.close();
    await redis?.stop();
    await panther?.close();
  });

  it('a rejected token stops start-up with the reason and the fix', async () => {
    const run = await runCli([], env({ PANTHER_API_TOKEN: BAD_TOKEN }), 30_000);
    expectRefused(run, 'PANTHER_UNAVAILABLE', BAD_TOKEN);
    expect(run.stderr).toContain('Panther rejected the API token (HTTP 401)');
    expect(run.stderr).toContain('Fix: set PANTHER_API_TOKEN');
  });

  it('a URL that answers with a web page is named as not a Panther API, not blamed on the token', async () => {
    proxy.set({ kind: 'html' });
    const run = await runCli([], env(), 30_000);
    expectRefused(run, 'PANTHER_UNAVAILABLE', panther.tokens.admin);
    expect(run.stderr).toContain('this URL is not a Panther API');
    expect(run.stderr).not.toContain('rejected');
  });

  it('an unreachable Panther stops start-up; --allow-unreachable starts, and /readyz follows Panther', async () => {
    proxy.set({ kind: 'reset' });
    const refused = await runCli([], env(), 30_000);
    expectRefused(refused, 'PANTHER_UNAVAILABLE', panther.tokens.admin);
    expect(refused.stderr).toContain('Could not reach Panther');
    expect(refused.stderr).toContain('--allow-unreachable');

    const server = await startHttp(
      ['--allow-unreachable', '--transport', 'http', '--port', '0'],
      env(),
      30_000,
    );
    const health = await fetch(new URL('/healthz', server.url));
    expect(health.status).toBe(200);
    expect(await readyz(server.url)).toEqual({
      status: 503,
      body: { status: 'unready', panther: 'unreachable' },
    });
    proxy.set({ kind: 'pass' });
    expect(await readyzUntil(server.url, (a) => a.status === 200)).toEqual({
      status: 200,
      body: { status: 'ready', panther: 'ok' },
    });
    proxy.set({ kind: 'reset' });
    expect((await readyzUntil(server.url, (a) => a.status === 503)).body.panther).toBe('unreachable');
    proxy.set({ kind: 'pass' });
    await readyzUntil(server.url, (a) => a.status === 200);
    // HEAD for load balancers that only look at the status; other methods are refused.
    expect((await fetch(new URL('/readyz', server.url), { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(new URL('/readyz', server.url), { method: 'POST' })).status).toBe(405);
  }, 90_000);

  it('/readyz turns unready while Redis is down and ready once it is back', async () => {
    const server = await startHttp(
      ['--transport', 'http', '--port', '0'],
      env({ MCP_PANTHER_REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${redis.port}` }),
      30_000,
    );
    expect(await readyzUntil(server.url, (a) => a.status === 200)).toEqual({
      status: 200,
      body: { status: 'ready', panther: 'ok', sharedStore: 'up' },
    });
    await redis.kill();
    expect(await readyzUntil(server.url, (a) => a.status === 503)).toEqual({
      status: 503,
      body: { status: 'unready', panther: 'ok', sharedStore: 'down' },
    });
    await redis.restart();
    expect((await readyzUntil(server.url, (a) => a.status === 200)).body.sharedStore).toBe('up');
    expect(server.stderr()).not.toContain(REDIS_PASSWORD);
  }, 90_000);

  it('a wrong Redis password is a configuration error naming the setting, not an outage', async () => {
    const wrong = 'not-the-redis-password';
    const run = await runCli(
      ['--transport', 'http', '--port', '0'],
      env({ MCP_PANTHER_REDIS_URL: `redis://:${wrong}@127.0.0.1:${redis.port}` }),
      30_000,
    );
    expectRefused(run, 'CONFIG_INVALID', wrong, REDIS_PASSWORD);
    expect(run.stderr).toContain('redis.url (or MCP_PANTHER_REDIS_URL)');
    expect(run.stderr).toContain('refused the credentials (WRONGPASS');
    expect(run.stderr).not.toContain('redis unavailable');
  }, 60_000);
});
