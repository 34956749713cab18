import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { type RedisServer, startRedisServer } from '@mcp-panther/redis/testing';
import type { Sandbox } from '@mcp-panther/sandbox';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  assertBuilt,
  baseEnv,
  freePort,
  killAll,
  runCli,
  startPanther,
  tempDir,
  writeConfig,
} from './testdata/harness.js';
import { type IdentityProvider, startIdentityProvider } from './testdata/identityProvider.js';

// `mcp-panther doctor` against a whole deployment it did not start: the sandbox as Panther, a real identity
// provider, a real Redis with a password, and the listeners the config names. Healthy, it passes; each fault is
// reported with its fix and the exit code is 1.

const AUDIENCE = 'http://127.0.0.1/mcp';
const REDIS_PASSWORD = 'doctor-redis-pa55word';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

let panther: Sandbox;
let idp: IdentityProvider;
let redis: RedisServer;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let taken: Server;
let takenPort: number;

async function listening(): Promise<Server> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

async function config(name: string, issuer: string, metricsPort: number): Promise<string> {
  return writeConfig(tmp.dir, name, {
    server: {
      transport: 'http',
      host: '127.0.0.1',
      port: 0,
      auth: { oauth: { issuer, audience: AUDIENCE } },
    },
    profiles: {
      analyst: { match: { groups: ['analysts'] }, pantherTokenEnv: 'ANALYST_PANTHER_TOKEN' },
      responder: {
        match: { groups: ['responders'] },
        mode: 'read-write',
        allowTools: ['*alert*'],
        pantherTokenEnv: 'RESPONDER_PANTHER_TOKEN',
      },
      auditor: { match: { groups: ['auditors'] }, pantherTokenEnv: 'AUDITOR_PANTHER_TOKEN' },
    },
    telemetry: { metrics: { port: metricsPort } },
  });
}

async function doctor(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; checks: Check[]; text: string }> {
  const json = await runCli(['doctor', '--json', ...args], env, 90_000);
  const text = await runCli(['doctor', ...args], env, 90_000);
  expect(text.code).toBe(json.code);
  return {
    code: json.code,
    checks: (JSON.parse(json.stdout) as { checks: Check[] }).checks,
    text: text.stdout,
  };
}

const byName = (checks: Check[], name: string): Check => {
  const found = checks.find((check) => check.name === name);
  if (!found) throw new Error(`no "${name}" check in ${JSON.stringify(checks.map((c) => c.name))}`);
  return found;
};

describeWithPrograms(['redis-server'], 'mcp-panther doctor checks the deployment', () => {
  beforeAll(async () => {
    assertBuilt();
    [panther, idp, redis, tmp, taken] = await Promise.all([
      startPanther(),
      startIdentityProvider(AUDIENCE),
      startRedisServer({ password: REDIS_PASSWORD }),
      tempDir(),
      listening(),
    ]);
    takenPort = (taken.address() as { port: number }).port;
  }, 120_000);
  afterAll(async () => {
    await killAll();
    taken?.close();
    await idp?.stop();
    await redis?.stop();
    await panther?.close();
    await tmp?.remove();
  });

  const env = (extra: Record<string, string>) =>
    baseEnv({
      LOG_LEVEL: '',
      PANTHER_INSTANCE_URL: panther.url,
      PANTHER_API_TOKEN: panther.tokens.admin,
      ...extra,
    });

  it('passes a healthy deployment: every profile, the identity provider, Redis and the listeners', async () => {
    const file = await config('healthy.config.json', idp.issuer, await freePort());
    const { code, checks, text } = await doctor(
      ['--config', file],
      env({
        ANALYST_PANTHER_TOKEN: panther.tokens.analyst,
        RESPONDER_PANTHER_TOKEN: panther.tokens.responder,
        AUDITOR_PANTHER_TOKEN: panther.tokens.analyst,
        MCP_PANTHER_REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${redis.port}`,
      }),
    );
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(text).toContain('All checks passed.');
    for (const name of ['profile analyst', 'profile responder', 'profile auditor']) {
      expect(byName(checks, name).detail).toMatch(/accepted; \d+ tools/);
    }
    // The responder profile gets its allowed write tools in read-write mode.
    expect(byName(checks, 'profile responder').detail).toContain('update_alert_status');
    expect(byName(checks, 'identity provider').ok).toBe(true);
    expect(byName(checks, 'identity provider keys').detail).toMatch(/1 key/);
    expect(byName(checks, 'Redis').detail).toContain('loads the');
    expect(byName(checks, 'metrics listener').ok).toBe(true);
    expect(text).not.toContain(REDIS_PASSWORD);
  }, 240_000);

  it('reports each fault with its fix and exits 1; a profile without its secret fails alone', async () => {
    const gone = await startIdentityProvider(AUDIENCE);
    await gone.stop();
    const file = await config('faults.config.json', gone.issuer, takenPort);
    const { code, checks, text } = await doctor(
      ['--config', file],
      env({
        ANALYST_PANTHER_TOKEN: panther.tokens.analyst,
        RESPONDER_PANTHER_TOKEN: 'not-a-token-panther-knows-0123456789',
        // AUDITOR_PANTHER_TOKEN is not set.
        MCP_PANTHER_REDIS_URL: `redis://:wrong-password@127.0.0.1:${redis.port}`,
      }),
    );
    expect(code).toBe(1);
    expect(text).toContain('Some checks failed.');
    expect(byName(checks, 'profile analyst')).toMatchObject({ ok: true });
    expect(byName(checks, 'profile responder')).toMatchObject({ ok: false });
    expect(byName(checks, 'profile responder').detail).toContain(
      'Panther rejected the token ($RESPONDER_PANTHER_TOKEN, HTTP 401)',
    );
    expect(byName(checks, 'profile responder').fix).toContain('RESPONDER_PANTHER_TOKEN');
    expect(byName(checks, 'profile auditor')).toMatchObject({
      ok: false,
      detail: 'no Panther token: the environment variable AUDITOR_PANTHER_TOKEN is not set',
    });
    const identity = byName(checks, 'identity provider');
    expect(identity.ok).toBe(false);
    expect(identity.detail).toContain('did not answer (ECONNREFUSED)');
    expect(identity.fix).toContain('server.auth.oauth.issuer');
    const shared = byName(checks, 'Redis');
    expect(shared.ok).toBe(false);
    expect(shared.detail).toContain('refused the credentials (WRONGPASS');
    expect(shared.fix).toContain('MCP_PANTHER_REDIS_URL');
    const metrics = byName(checks, 'metrics listener');
    expect(metrics).toMatchObject({
      ok: false,
      detail: `127.0.0.1:${takenPort} is taken by another program`,
    });
    expect(metrics.fix).toContain('MCP_METRICS_PORT');
    // Each failure's fix is printed under it.
    expect(text).toMatch(/✗ Redis: .*\n {2}fix: correct the user name and password/);
    expect(text).not.toContain('wrong-password');
    expect(text).not.toContain('not-a-token-panther-knows');
  }, 240_000);

  it('--profile checks one profile; Redis down is reported as unreachable', async () => {
    const file = await config('one.config.json', idp.issuer, await freePort());
    const down = await startRedisServer();
    await down.stop();
    const { code, checks } = await doctor(
      ['--config', file, '--profile', 'analyst'],
      env({ ANALYST_PANTHER_TOKEN: panther.tokens.analyst, MCP_PANTHER_REDIS_URL: down.url }),
    );
    expect(code).toBe(1);
    expect(checks.filter((check) => check.name.startsWith('profile '))).toEqual([
      expect.objectContaining({ name: 'profile analyst', ok: true }),
    ]);
    const shared = byName(checks, 'Redis');
    expect(shared).toMatchObject({ ok: false });
    expect(shared.detail).toContain('does not answer (ECONNREFUSED)');
    expect(shared.fix).toContain('start Redis');
    const unknown = await runCli(['doctor', '--config', file, '--profile', 'nobody'], env({}), 60_000);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain(
      'no profile "nobody" in the config (profiles: analyst, responder, auditor)',
    );
  }, 240_000);
});
