import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '@mcp-panther/sandbox';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  connectHttp,
  killAll,
  startHttp,
  startPanther,
  tempDir,
  writeConfig,
} from './testdata/harness.js';
import { type IdentityProvider, startIdentityProvider } from './testdata/identityProvider.js';
import { run } from './testdata/install.js';
import { WORKSPACE_ROOT } from './testdata/workspacePackages.js';

// examples/deploy/systemd as shipped: the unit checked by systemd-analyze, and its command run as the unit runs
// it (its environment, its variables file, the team config of docs/deployment.md), with the paths of a machine
// that installed mcp-panther replaced by this workspace's.

const DIR = path.join(WORKSPACE_ROOT, 'examples/deploy/systemd');
const UNIT = path.join(DIR, 'mcp-panther.service');
const ENV_EXAMPLE = path.join(DIR, 'mcp-panther.env.example');
const TEAM_CONFIG = path.join(WORKSPACE_ROOT, 'examples/configs/team.config.json');
const INSTALLED_NODE = '/usr/bin/node';
const INSTALLED_BIN = '/opt/mcp-panther/node_modules/mcp-panther/bin/mcp-panther.js';
const INSTALLED_CONFIG = '/etc/mcp-panther/mcp-panther.config.json';
/** systemd's PATH for services. */
const SERVICE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The values of `key` in the unit's `[section]`, in order. */
function settings(unit: string, section: string, key: string): string[] {
  const lines = unit.split('\n');
  const start = lines.indexOf(`[${section}]`);
  if (start < 0) throw new Error(`the unit has no [${section}]`);
  const values: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('[')) break;
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match?.[1] === key) values.push(match[2]!);
  }
  return values;
}

/** An EnvironmentFile's assignments (systemd's format: `KEY=value` lines, `#` comments). */
function environmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`not a VARIABLE=value line: ${line}`);
    env[match[1]!] = match[2]!;
  }
  return env;
}

describeWithPrograms(['systemd-analyze'], 'the systemd unit example', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let unitCopy: string;
  beforeAll(async () => {
    tmp = await tempDir();
    // verify checks that ExecStart's program exists: this machine's Node stands in for /usr/bin/node.
    const unit = (await readFile(UNIT, 'utf8')).replace(INSTALLED_NODE, process.execPath);
    unitCopy = path.join(tmp.dir, 'mcp-panther.service');
    await writeFile(unitCopy, unit);
  });
  afterAll(() => tmp?.remove());

  it('passes systemd-analyze verify without a warning', async () => {
    const result = await run('systemd-analyze', ['verify', unitCopy], {
      cwd: tmp.dir,
      env: { PATH: process.env['PATH'] ?? SERVICE_PATH },
      timeoutMs: 30_000,
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('is rated OK (exposure at most 2.0 of 10) by systemd-analyze security', async () => {
    const result = await run(
      'systemd-analyze',
      ['security', '--offline=true', '--threshold=20', '--no-pager', unitCopy],
      { cwd: tmp.dir, env: { PATH: process.env['PATH'] ?? SERVICE_PATH }, timeoutMs: 30_000 },
    );
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/Overall exposure level for mcp-panther\.service: [0-2]\.\d OK/);
  });
});

describe("the systemd unit's command, as the unit runs it", () => {
  let panther: Sandbox;
  let idp: IdentityProvider;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let client: Client | undefined;
  const BOT_TOKEN = 'ci-bot-static-token-0123456789abcdef';

  beforeAll(async () => {
    assertBuilt();
    [panther, idp, tmp] = await Promise.all([
      startPanther(),
      startIdentityProvider('https://mcp.example.com/mcp'),
      tempDir(),
    ]);
  });
  afterAll(async () => {
    await client?.close().catch(() => {});
    await killAll();
    await Promise.all([panther?.close(), idp?.stop(), tmp?.remove()]);
  });

  it('serves the team config with the secrets of the variables file, logs JSON, and stops cleanly on SIGTERM', async () => {
    const unit = await readFile(UNIT, 'utf8');
    const [execStart] = settings(unit, 'Service', 'ExecStart');
    expect(execStart).not.toMatch(/["'$%]/); // plain words: split as systemd would
    const [node, bin, ...args] = execStart!.split(/\s+/);
    expect([node, bin]).toEqual([INSTALLED_NODE, INSTALLED_BIN]);
    expect(args).toContain(INSTALLED_CONFIG);
    expect(settings(unit, 'Service', 'WorkingDirectory')).toEqual([path.dirname(INSTALLED_CONFIG)]);
    expect(settings(unit, 'Service', 'EnvironmentFile')).toEqual(['/etc/mcp-panther/mcp-panther.env']);

    // The team config of docs/deployment.md, pointed at this test's Panther and identity provider.
    const team = JSON.parse(await readFile(TEAM_CONFIG, 'utf8'));
    team.panther.instanceUrl = panther.url;
    team.server.port = 0;
    team.server.auth.oauth.issuer = idp.issuer;
    team.server.auth.tokens[0].tokenFile = path.join(tmp.dir, 'ci-bot.token');
    team.logging.auditFile = path.join(tmp.dir, 'audit.jsonl');
    await writeFile(team.server.auth.tokens[0].tokenFile, `${BOT_TOKEN}\n`, { mode: 0o600 });
    const config = await writeConfig(tmp.dir, 'mcp-panther.config.json', team);

    // The variables file names every profile's token; its placeholders become the sandbox's tokens.
    const secrets = environmentFile(await readFile(ENV_EXAMPLE, 'utf8'));
    const profileVariables = Object.values(team.profiles as Record<string, { pantherTokenEnv: string }>).map(
      (profile) => profile.pantherTokenEnv,
    );
    expect(Object.keys(secrets).sort()).toEqual(['PANTHER_API_TOKEN', ...profileVariables].sort());
    const sandboxTokens: Record<string, string> = {
      PANTHER_API_TOKEN: panther.tokens.noAccess,
      PANTHER_TOKEN_ANALYST: panther.tokens.analyst,
      PANTHER_TOKEN_RESPONDER: panther.tokens.responder,
    };
    const environment = Object.fromEntries(
      settings(unit, 'Service', 'Environment').flatMap((line) =>
        line.split(/\s+/).map((pair) => pair.split('=') as [string, string]),
      ),
    );
    const env = {
      PATH: SERVICE_PATH,
      ...environment,
      ...Object.fromEntries(Object.keys(secrets).map((key) => [key, sandboxTokens[key]!])),
    };
    const cwd = tmp.dir; // stands in for WorkingDirectory=/etc/mcp-panther
    const server = await startHttp(
      args.map((arg) => (arg === INSTALLED_CONFIG ? config : arg)),
      env,
      30_000,
      [],
      { cwd },
    );
    client = await connectHttp(server.url, { authorization: `Bearer ${BOT_TOKEN}` });
    const result = (await client.callTool({
      name: 'list_alerts',
      arguments: { page_size: 1 },
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const logLines = server
      .stderr()
      .split('\n')
      .filter((line) => line !== '');
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(() => JSON.parse(line), line).not.toThrow();
    await client.close();
    client = undefined;
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
