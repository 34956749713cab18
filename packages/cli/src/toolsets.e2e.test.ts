import type { Sandbox } from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, postMcp } from '../../core/src/testdata/rawMcp.js';
import {
  assertBuilt,
  baseEnv,
  connectHttp,
  connectStdio,
  killAll,
  runCli,
  startHttp,
  startPanther,
  tempDir,
  writeConfig,
} from './testdata/harness.js';

// Toolsets per connection with the built command: the stdio flags (--toolsets, --tools, --read-only) and, over
// HTTP, the URL paths and X-MCP-* headers, each only narrowing what the caller's profile is served.

const ANALYST = 'analyst-static-token-0123456789abcdef';
const ADMIN = 'admin-static-token-0123456789abcdefgh';
let panther: Sandbox;
let tmp: Awaited<ReturnType<typeof tempDir>>;
const clients: Client[] = [];

beforeAll(async () => {
  assertBuilt();
  [panther, tmp] = await Promise.all([startPanther(), tempDir()]);
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close().catch(() => {});
  await killAll();
});
afterAll(async () => {
  await Promise.all([panther?.close(), tmp?.remove()]);
});

const env = (extra: Record<string, string> = {}) =>
  baseEnv({
    PANTHER_INSTANCE_URL: panther.url,
    PANTHER_API_TOKEN: panther.tokens.admin,
    LOG_LEVEL: '',
    ...extra,
  });

describe('stdio flags', () => {
  it('are in --help', async () => {
    const help = await runCli(['--help'], baseEnv());
    for (const flag of ['--toolsets IDS', '--tools NAMES', '--read-only', 'X-MCP-Toolsets']) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('narrow the tools served: a pack and a tool, then read-only whatever the mode', async () => {
    const session = await connectStdio(
      ['--read-write', '--toolsets', 'alerts', '--tools', 'query_data_lake'],
      env(),
    );
    clients.push(session.client);
    const names = (await session.client.listTools()).tools.map((t) => t.name).sort();
    expect(names).toContain('update_alert_status');
    expect(names).toContain('query_data_lake');
    expect(names).not.toContain('list_detections');
    expect(names).toHaveLength(13);
    const readOnly = await connectStdio(['--read-write', '--toolsets', 'alerts', '--read-only'], env());
    clients.push(readOnly.client);
    const read = (await readOnly.client.listTools()).tools;
    expect(read.map((t) => t.name)).toContain('list_alerts');
    expect(read.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    const info = await readOnly.client.readResource({ uri: 'config://panther' });
    expect(JSON.parse((info.contents[0] as { text: string }).text)).toMatchObject({
      mode: 'read-only',
      toolset: { packs: ['alerts'], read_only: true },
    });
  });

  it('show the effective set in "tools --json", and name an unknown pack or tool', async () => {
    const run = await runCli(['tools', '--json', '--toolsets', 'datalake', '--read-only'], env());
    const listed = JSON.parse(run.stdout) as {
      toolset: unknown;
      tools: { pack: string; tool: string; status: string; reason?: string }[];
    };
    expect(listed.toolset).toEqual({ packs: ['datalake'], read_only: true });
    const enabled = listed.tools.filter((t) => t.status === 'enabled');
    expect(new Set(enabled.map((t) => t.pack))).toEqual(new Set(['datalake']));
    expect(listed.tools.find((t) => t.tool === 'list_alerts')?.reason).toMatch(
      /^toolset: not in the toolset asked for/,
    );
    expect(listed.tools.find((t) => t.tool === 'save_query')?.status).toBe('hidden');

    const unknownPack = await runCli(['tools', '--toolsets', 'alrts'], env());
    expect(unknownPack.code).toBe(1);
    expect(unknownPack.stderr).toContain(
      '--toolsets: unknown pack "alrts"; the packs are alerts, datalake, detections, admin',
    );
    const unknownTool = await runCli(['serve', '--tools', 'get_alerts'], env());
    expect(unknownTool.code).toBe(1);
    expect(unknownTool.stderr).toContain('--tools: unknown tool "get_alerts"');
    const empty = await runCli(['tools', '--toolsets', ','], env());
    expect([empty.code, empty.stderr]).toEqual([
      2,
      expect.stringContaining('--toolsets needs a comma-separated list'),
    ]);
  });
});

describe('over HTTP', () => {
  it('paths and headers narrow per connection, never beyond the caller’s profile; unknown names are a 400', async () => {
    const configFile = await writeConfig(tmp.dir, 'toolsets.config.json', {
      server: {
        transport: 'http',
        port: 0,
        auth: {
          tokens: [
            { name: 'ana', tokenEnv: 'ANALYST_TOKEN', profile: 'analyst' },
            { name: 'root', tokenEnv: 'ADMIN_TOKEN', profile: 'admin' },
          ],
        },
      },
      profiles: { analyst: { mode: 'read-only' }, admin: { mode: 'read-write' } },
    });
    const { url } = await startHttp(
      ['--config', configFile],
      env({ ANALYST_TOKEN: ANALYST, ADMIN_TOKEN: ADMIN }),
    );
    const connect = async (path: string, token: string, headers: Record<string, string> = {}) => {
      const at = new URL(url);
      at.pathname = path;
      const client = await connectHttp(at.href, { authorization: `Bearer ${token}`, ...headers });
      clients.push(client);
      return (await client.listTools()).tools;
    };

    const alerts = await connect('/mcp/x/alerts', ADMIN);
    expect(alerts.some((t) => t.name === 'update_alert_status')).toBe(true);
    expect(alerts.some((t) => t.name === 'query_data_lake')).toBe(false);
    const datalakeReadOnly = await connect('/mcp/x/datalake/readonly', ADMIN);
    expect(datalakeReadOnly.map((t) => t.name)).not.toContain('save_query');
    expect(datalakeReadOnly.map((t) => t.name)).toContain('query_data_lake');
    const both = await connect('/mcp/x/alerts+datalake', ADMIN, {
      'X-MCP-Tools': 'get_alert,query_data_lake',
    });
    expect(both.map((t) => t.name).sort()).toEqual(['get_alert', 'query_data_lake']);

    // The analyst's profile is read-only: asking for a pack and X-MCP-Readonly: false adds no write tool.
    const analyst = await connect('/mcp', ANALYST, { 'X-MCP-Toolsets': 'alerts', 'X-MCP-Readonly': 'false' });
    expect(analyst.map((t) => t.name)).toContain('list_alerts');
    expect(analyst.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);

    for (const [path, headers, message] of [
      ['/mcp/x/alert', {}, 'unknown pack "alert"'],
      ['/mcp', { 'X-MCP-Tools': 'list_alert' }, 'X-MCP-Tools: unknown tool "list_alert"'],
    ] as const) {
      const at = new URL(url);
      at.pathname = path;
      const response = await postMcp(at.href, INITIALIZE, { token: ADMIN, headers });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });
});
