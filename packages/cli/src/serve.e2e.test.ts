import type { Sandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  baseEnv,
  connectStdio,
  killAll,
  runCli,
  someAlertId,
  startPanther,
  tempDir,
  textOf,
  writeConfig,
} from './testdata/harness.js';

// End to end over stdio: the built `mcp-panther` process, the SDK's Client, and a Panther started by the test.
// The Panther is the sandbox, started in the test process.

const EXAMPLE_PACK = 'example-mcp-panther-pack';
let panther: Sandbox;
let tmp: Awaited<ReturnType<typeof tempDir>>;
const sessions: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  assertBuilt();
  panther = await startPanther();
  tmp = await tempDir();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close().catch(() => {})));
  await killAll();
});
afterAll(async () => {
  await panther?.close();
  await tmp?.remove();
});

const pantherEnv = (token: string) =>
  baseEnv({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: token });

async function serveStdio(config: unknown, token = panther.tokens.admin, extraArgs: string[] = []) {
  const file = await writeConfig(tmp.dir, `config-${sessions.length}-${Date.now()}.json`, config);
  const session = await connectStdio(['--config', file, ...extraArgs], pantherEnv(token));
  sessions.push(session);
  return session;
}

const names = async (client: { listTools(): Promise<{ tools: { name: string }[] }> }) =>
  (await client.listTools()).tools.map((t) => t.name);

describe('mcp-panther over stdio', () => {
  it('loads a third-party pack named by package name; read-only lists no write tool and calling one fails as unknown', async () => {
    const { client } = await serveStdio({ packs: [EXAMPLE_PACK] });
    expect(await names(client)).toEqual(['example_count_recent_alerts']);
    const counted = await client.callTool({ name: 'example_count_recent_alerts', arguments: { hours: 168 } });
    const count = counted.structuredContent as { total: number; by_severity: Record<string, number> };
    expect(count.total).toBeGreaterThan(0);
    expect(Object.values(count.by_severity).reduce((a, b) => a + b, 0)).toBe(count.total);
    const write = await client.callTool({
      name: 'example_add_ioc_note',
      arguments: { alert_id: 'alert-001', kind: 'ip', indicator: '203.0.113.9' },
    });
    expect(write.isError).toBe(true);
    expect(textOf(write)).toContain('Tool example_add_ioc_note not found');
    expect(client.getInstructions()).toContain('Mode: read-only');
  });

  it('lists and runs the write tool in read-write mode (--read-write)', async () => {
    const { client } = await serveStdio({ packs: [EXAMPLE_PACK] }, panther.tokens.admin, ['--read-write']);
    expect(await names(client)).toEqual(['example_add_ioc_note', 'example_count_recent_alerts']);
    const alertId = await someAlertId(panther);
    const result = await client.callTool({
      name: 'example_add_ioc_note',
      arguments: { alert_id: alertId, kind: 'domain', indicator: 'evil.example.com' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ alert_id: alertId });
  });

  it('applies deny and allow globs', async () => {
    const denied = await serveStdio({
      packs: [EXAMPLE_PACK],
      policy: { mode: 'read-write', denyTools: ['*_count_*'] },
    });
    expect(await names(denied.client)).toEqual(['example_add_ioc_note']);
    const allowed = await serveStdio({
      packs: [EXAMPLE_PACK],
      policy: { mode: 'read-write', allowTools: ['example_count_*'] },
    });
    expect(await names(allowed.client)).toEqual(['example_count_recent_alerts']);
    const call = await allowed.client.callTool({ name: 'example_add_ioc_note', arguments: {} });
    expect(textOf(call)).toContain('not found');
  });

  it('hides the tools that need a permission the token lacks', async () => {
    const analyst = await serveStdio(
      { packs: [EXAMPLE_PACK], policy: { mode: 'read-write' } },
      panther.tokens.analyst,
    );
    expect(await names(analyst.client)).toEqual(['example_count_recent_alerts']);
    const none = await serveStdio(
      { packs: [EXAMPLE_PACK], policy: { mode: 'read-write' } },
      panther.tokens.noAccess,
    );
    expect(await names(none.client)).toEqual([]);
    const resource = await none.client.readResource({ uri: 'config://panther' });
    const info = JSON.parse((resource.contents[0] as { text: string }).text);
    expect(info.hidden_tools.map((h: { name: string; reason: string }) => `${h.name}:${h.reason}`)).toEqual([
      'example_add_ioc_note:permission',
      'example_count_recent_alerts:permission',
    ]);
    expect(JSON.stringify(info)).not.toContain(panther.tokens.noAccess);
    expect(none.stderr()).not.toContain(panther.tokens.noAccess);
  });

  it('answers bad tool input with the argument and what is allowed', async () => {
    const { client } = await serveStdio({ packs: [EXAMPLE_PACK] });
    const result = await client.callTool({
      name: 'example_count_recent_alerts',
      arguments: { hours: 500, severities: ['SEVERE'] },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'Invalid arguments for example_count_recent_alerts: hours must be <= 168 (got 500); severities[0] must be one of CRITICAL, HIGH, MEDIUM, LOW, INFO (got "SEVERE")',
    );
  });

  it('stops with one clear error naming the file and the field for a bad config', async () => {
    const file = await writeConfig(tmp.dir, 'bad.config.json', {
      packs: [EXAMPLE_PACK],
      policy: { mode: 'write-everything' },
    });
    const run = await runCli(['--config', file], pantherEnv(panther.tokens.admin));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Invalid configuration in ${file}:`);
    expect(run.stderr).toContain(
      'policy.mode: must be one of read-only, read-write (got "write-everything")',
    );
  });

  it('names a pack that cannot be loaded', async () => {
    const file = await writeConfig(tmp.dir, 'missing-pack.json', {
      packs: [EXAMPLE_PACK, '@acme/not-installed'],
    });
    const run = await runCli(['--config', file], pantherEnv(panther.tokens.admin));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('@acme/not-installed: cannot find package "@acme/not-installed"');
  });
});
