import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { getMcpConfigForManifest } from '@anthropic-ai/mcpb';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runChecked } from '../run.js';
import { type BuiltBundle, buildBundle, mcpbCli } from './build.js';
import type { BundleManifest } from './manifest.js';

// The MCP Bundle as Claude Desktop gets it: built by `pnpm run build:mcpb`'s code, validated and unpacked with the
// mcpb tool, and started from its manifest with the code the client uses to turn the manifest and the person's
// settings into a command (getMcpConfigForManifest, from @anthropic-ai/mcpb). The bundle has no sandbox, so the
// Panther it talks to is a sandbox this test starts, reached by URL like any Panther instance.

let work: string;
let bundle: BuiltBundle;
let dir: string;
let manifest: BundleManifest;
let panther: Sandbox;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mcp-panther-mcpb-test-'));
  bundle = await buildBundle(work);
  dir = path.join(work, 'installed');
  await runChecked(process.execPath, [mcpbCli(), 'unpack', bundle.file, dir]);
  manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
  panther = await startSandbox({ events: 2_000, seed: 5 });
}, 300_000);

afterAll(async () => {
  await panther?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The command the client would run for these settings, or undefined when it would not start the extension. */
async function clientConfig(userConfig: Record<string, string>) {
  return getMcpConfigForManifest({
    manifest: manifest as Parameters<typeof getMcpConfigForManifest>[0]['manifest'],
    extensionPath: dir,
    systemDirs: { HOME: homedir(), DESKTOP: homedir(), DOCUMENTS: homedir(), DOWNLOADS: homedir() },
    userConfig,
    pathSeparator: path.sep,
  });
}

/** Starts the extension as the client does (its command, args and env over a plain environment). */
async function startExtension(userConfig: Record<string, string>) {
  const config = await clientConfig(userConfig);
  if (!config) throw new Error('the client would not start the extension with these settings');
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    env: { PATH: process.env['PATH'] ?? '', HOME: work, TMPDIR: tmpdir(), ...config.env },
    cwd: work,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const client = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const settings = () => ({ instance_url: panther.url, api_token: panther.tokens.admin });

describe('the MCP Bundle (Claude Desktop extension)', () => {
  it('is mcp-panther-<version>.mcpb, small, with a manifest that mcpb validate accepts', async () => {
    const { version } = (await import('mcp-panther/package.json', { with: { type: 'json' } })).default;
    expect(path.basename(bundle.file)).toBe(`mcp-panther-${version}.mcpb`);
    const validated = await run(process.execPath, [mcpbCli(), 'validate', path.join(dir, 'manifest.json')]);
    expect(validated.code, validated.stdout + validated.stderr).toBe(0);
    expect(validated.stdout).toContain('Manifest schema validation passes');
    console.log(`MCP Bundle: ${(bundle.bytes / 2 ** 20).toFixed(2)} MiB, sha256 ${bundle.sha256}`);
  });

  it('asks for the instance URL and the token (kept as a secret), and the mode (read-only by default)', () => {
    expect(manifest.user_config.instance_url).toMatchObject({ type: 'string', required: true });
    expect(manifest.user_config.api_token).toMatchObject({ type: 'string', required: true, sensitive: true });
    expect(manifest.user_config.mode).toMatchObject({ default: 'read-only' });
    const placeholder = (key: string) => `\${user_config.${key}}`;
    expect(manifest.server.mcp_config.env).toEqual({
      PANTHER_INSTANCE_URL: placeholder('instance_url'),
      PANTHER_API_TOKEN: placeholder('api_token'),
      MCP_PANTHER_MODE: placeholder('mode'),
    });
    expect(manifest.compatibility.platforms).toEqual(['darwin', 'win32', 'linux']);
  });

  it('holds the command without native code or node_modules (one bundle for every platform)', async () => {
    const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    expect(files).toContain('manifest.json');
    expect(files).toContain(manifest.server.entry_point);
    expect(files.filter((f) => f.includes('node_modules/') || f.endsWith('.node'))).toEqual([]);
  });

  it('is not started by the client until the instance URL and token are set', async () => {
    expect(await clientConfig({})).toBeUndefined();
    expect(await clientConfig({ instance_url: panther.url })).toBeUndefined();
  });

  it('serves the tools its manifest lists and answers list_alerts from the configured Panther', async () => {
    const { client, stderr } = await startExtension(settings());
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      const listed = manifest.tools.map((t) => t.name);
      expect(tools.length).toBeGreaterThan(20);
      expect(listed).toEqual(expect.arrayContaining(tools));
      expect(tools).not.toContain('update_alert_status');
      const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
      expect(prompts.sort()).toEqual(manifest.prompts.map((p) => p.name).sort());

      const result = await client.callTool({ name: 'list_alerts', arguments: { page_size: 5 } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      const table = (result.structuredContent as { alerts: { columns: string[]; rows: unknown[][] } }).alerts;
      const id = table.columns.indexOf('id');
      const response = await fetch(`${panther.url}/alerts?limit=1&sort-dir=desc`, {
        headers: { 'X-API-Key': panther.tokens.admin },
      });
      const newest = (await response.json()) as { results: { id: string }[] };
      expect(table.rows.map((row) => row[id])).toContain(newest.results[0]!.id);
      expect(stderr()).not.toContain(panther.tokens.admin);
    } finally {
      await client.close();
    }
  }, 120_000);

  it('in read-write mode serves every tool its manifest lists', async () => {
    const { client } = await startExtension({ ...settings(), mode: 'read-write' });
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools.sort()).toEqual(manifest.tools.map((t) => t.name).sort());
    } finally {
      await client.close();
    }
  }, 120_000);

  it('names the URL when the configured Panther cannot be reached, and stops at start-up saying what to fix', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const config = await clientConfig({ instance_url: url, api_token: 'not-a-real-token-0123' });
    const result = await run(config!.command, config!.args ?? [], {
      env: { PATH: process.env['PATH'] ?? '', HOME: work, TMPDIR: tmpdir(), ...config!.env },
      cwd: work,
      timeoutMs: 60_000,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(url.replace('http://', ''));
    expect(result.stderr).toContain('PANTHER_UNAVAILABLE');
    expect(result.stderr).not.toContain('not-a-real-token-0123');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 90_000);

  it('started without a Panther URL, says that it has no sandbox and what to set', async () => {
    const config = await clientConfig(settings());
    const result = await run(config!.command, config!.args ?? [], {
      env: { PATH: process.env['PATH'] ?? '', HOME: work, PANTHER_API_TOKEN: 'x'.repeat(20) },
      cwd: work,
      timeoutMs: 60_000,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('has no embedded sandbox');
    expect(result.stderr).toContain('set the Panther instance URL and API token');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 90_000);
});
