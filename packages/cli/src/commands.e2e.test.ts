import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

// The other commands of the built CLI: --help, --version, tools, doctor.

let panther: Sandbox;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let configFile: string;

beforeAll(async () => {
  assertBuilt();
  panther = await startPanther();
  tmp = await tempDir();
  configFile = await writeConfig(tmp.dir, 'mcp-panther.config.json', {
    packs: ['example-mcp-panther-pack'],
    policy: { mode: 'read-write', denyTools: [] },
  });
});
afterEach(async () => {
  await killAll();
});
afterAll(async () => {
  await panther?.close();
  await tmp?.remove();
});

const env = (token: string) =>
  baseEnv({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: token, LOG_LEVEL: '' });

describe('mcp-panther commands', () => {
  it('prints help and version', async () => {
    const help = await runCli(['--help'], baseEnv());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mcp-panther [command] [options]');
    for (const command of ['serve', 'tools', 'doctor', 'sandbox'])
      expect(help.stdout).toContain(`  ${command} `);
    const version = await runCli(['--version'], baseEnv());
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = await runCli(['--nope'], baseEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--nope'");
  });

  it('tools lists every tool, enabled or hidden with the reason', async () => {
    const run = await runCli(['tools', '--config', configFile], env(panther.tokens.analyst));
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^PACK\s+TOOL\s+ACCESS\s+STATUS$/);
    expect(lines.find((l) => l.includes('example_count_recent_alerts'))).toMatch(/read\s+enabled$/);
    expect(lines.find((l) => l.includes('example_add_ioc_note'))).toMatch(
      /write\s+hidden \(permission: the API token lacks AlertModify\)$/,
    );
    const json = await runCli(
      ['tools', '--json', '--config', configFile, '--mode', 'read-only'],
      env(panther.tokens.admin),
    );
    expect(JSON.parse(json.stdout).tools).toEqual([
      {
        pack: 'example-ioc',
        tool: 'example_add_ioc_note',
        access: 'write',
        status: 'hidden',
        reason: 'read-only: a write tool, and the policy mode is read-only',
      },
      { pack: 'example-ioc', tool: 'example_count_recent_alerts', access: 'read', status: 'enabled' },
    ]);
  });

  it('tools --profile shows what the callers of one profile are served, with its own token', async () => {
    const teamConfig = await writeConfig(tmp.dir, 'team.config.json', {
      packs: ['example-mcp-panther-pack'],
      server: { auth: { tokens: [{ name: 'ci-bot', tokenEnv: 'MCP_TOKEN_CI_BOT', profile: 'analyst' }] } },
      profiles: {
        analyst: { mode: 'read-only', pantherTokenEnv: 'PANTHER_TOKEN_ANALYST' },
        responder: { mode: 'read-write', allowTools: ['*ioc*'], pantherTokenEnv: 'PANTHER_TOKEN_RESPONDER' },
      },
    });
    const teamEnv = {
      ...env(panther.tokens.admin),
      MCP_TOKEN_CI_BOT: 'ci-bot-token-0123456789abcdef',
      PANTHER_TOKEN_ANALYST: panther.tokens.analyst,
      PANTHER_TOKEN_RESPONDER: panther.tokens.responder,
    };
    const status = (rows: { tool: string; status: string; reason?: string }[]) =>
      Object.fromEntries(rows.map((r) => [r.tool, r.reason ?? r.status]));
    const responder = await runCli(
      ['tools', '--json', '--profile', 'responder', '--config', teamConfig],
      teamEnv,
    );
    expect(responder.code, responder.stderr).toBe(0);
    expect(JSON.parse(responder.stdout)).toMatchObject({ mode: 'read-write', profile: 'responder' });
    expect(status(JSON.parse(responder.stdout).tools)).toEqual({
      example_add_ioc_note: 'enabled',
      example_count_recent_alerts: 'not-allowed: matches none of policy.allowTools',
    });
    const analyst = await runCli(['tools', '--profile', 'analyst', '--config', teamConfig], teamEnv);
    expect(analyst.stdout).toContain('1 of 2 tools enabled (profile analyst, mode read-only');
    // The first-party packs' templates are listed where their tools are served.
    const all = await runCli(['tools', '--json', '--config', configFile], env(panther.tokens.admin));
    expect(JSON.parse(all.stdout).resource_templates).toEqual([]);
    const firstParty = await runCli(['tools', '--json'], env(panther.tokens.admin));
    expect(JSON.parse(firstParty.stdout).resource_templates).toEqual(
      expect.arrayContaining(['panther://alerts/{id}', 'panther://queries/{id}']),
    );
    const unknown = await runCli(['tools', '--profile', 'nobody', '--config', teamConfig], teamEnv);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--profile: no profile "nobody" in the config (profiles: analyst, responder)',
    );
    for (const run of [responder, analyst, unknown]) {
      expect(run.stdout + run.stderr).not.toContain(panther.tokens.responder);
      expect(run.stdout + run.stderr).not.toContain('ci-bot-token-0123456789abcdef');
    }
  });

  it('doctor reports the URL, the token, its permissions and usable tools', async () => {
    const run = await runCli(['doctor', '--config', configFile], env(panther.tokens.analyst));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`✓ config: ${configFile}`);
    expect(run.stdout).toContain(`✓ Panther URL: REST ${panther.url}`);
    expect(run.stdout).toContain('✓ API token: accepted by Panther');
    expect(run.stdout).toContain('✓ permissions: AlertRead,');
    expect(run.stdout).toContain('✓ tools the token can use: 1 of 2: example_count_recent_alerts');
    expect(run.stdout).toContain('example_add_ioc_note (the API token lacks AlertModify)');
    expect(run.stdout).not.toContain(panther.tokens.analyst);
  });

  it('doctor fails with a non-zero exit code for a rejected token', async () => {
    const run = await runCli(['doctor', '--config', configFile], env('not-a-valid-token'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ API token: could not read the token permissions: .*401/);
    expect(run.stdout).not.toContain('not-a-valid-token');
  });

  it('doctor fails the URL check when Panther cannot be reached, with no log lines around its report', async () => {
    const closedPort = await freePort();
    const url = `http://127.0.0.1:${closedPort}`;
    const run = await runCli(
      ['doctor'],
      baseEnv({ PANTHER_INSTANCE_URL: url, PANTHER_API_TOKEN: 'x'.repeat(20), LOG_LEVEL: '' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✗ Panther URL: REST ${url}`);
    expect(run.stdout).toContain('ECONNREFUSED');
    expect(run.stdout).toContain('✗ API token: not checked: Panther could not be reached');
    expect(run.stderr).toBe('');
  });

  it('a pack that is found but fails to import is PACK_IMPORT_FAILED, with its name and the import error', async () => {
    await writeFile(
      path.join(tmp.dir, 'broken-pack.mjs'),
      "import 'no-such-package-for-mcp-panther';\nexport default {};\n",
    );
    const config = await writeConfig(tmp.dir, 'broken.config.json', { packs: ['./broken-pack.mjs'] });
    const run = await runCli(['tools', '--config', config], env(panther.tokens.admin));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('./broken-pack.mjs: found at');
    expect(run.stderr).toContain(
      "but importing it failed: Cannot find package 'no-such-package-for-mcp-panther'",
    );
    expect(run.stderr).toContain('[PACK_IMPORT_FAILED]');
    const missing = await writeConfig(tmp.dir, 'missing.config.json', {
      packs: ['no-such-pack-for-mcp-panther'],
    });
    const notFound = await runCli(['tools', '--config', missing], env(panther.tokens.admin));
    expect(notFound.stderr).toContain('[PACK_NOT_FOUND]');
  });
});
