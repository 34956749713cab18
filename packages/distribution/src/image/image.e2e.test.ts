import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, expect, it as vitestIt } from 'vitest';
import { run } from '../run.js';
import { chrootCommand } from '../testdata/chroot.js';
import { imageBaseTarball } from '../testdata/imageBase.js';
import {
  exportImage,
  type ImageConfig,
  type IsolatedPodman,
  inspectImage,
  isolatedPodman,
} from '../testdata/podman.js';
import { buildImage } from './build.js';

// The container image as built for users (`pnpm run build:image`'s code), on a base made here that stands in for
// the official slim Node image. Containers cannot run on these machines (the kernel refuses the runtime's
// setrlimit), so the image's file system is exported and its entrypoint run in a chroot, as its user, read-only.

// debootstrap, chroot and mount need root; a developer who is not root is told so once.
const isRoot = process.getuid?.() === 0;
if (!isRoot)
  console.warn('skipped the container image test: it must run as root (debootstrap, chroot, mount)');

const TAG = 'localhost/mcp-panther:test';
const SANDBOX = { MCP_PANTHER_SANDBOX_EVENTS: '2000', LOG_LEVEL: 'info' };
let work: string;
let podman: IsolatedPodman;
let image: ImageConfig;
let rootfs: string;
let appBytes: number;

/** A loopback port free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The image's entrypoint (and cmd) with `args`, in the chroot. */
const entrypoint = (args: readonly string[] = [], env: Record<string, string> = {}) =>
  chrootCommand(rootfs, image, [...image.entrypoint, ...image.cmd, ...args], env);

const hostEnv = () => ({ PATH: process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin' });

describeWithPrograms(['podman', 'debootstrap'], 'the container image', () => {
  // Hooks and tests run only where the programs are: hooks inside the suite, the tests only as root.
  const it = isRoot ? vitestIt : vitestIt.skip;
  beforeAll(async () => {
    if (!isRoot) return;
    work = await mkdtemp(path.join(tmpdir(), 'mcp-panther-image-test-'));
    podman = isolatedPodman(path.join(work, 'store'));
    const base = await imageBaseTarball();
    const baseTag = `localhost/mcp-panther-test-base:${base.nodeVersion}`;
    await podman.run(['import', base.file, baseTag]);
    const built = await buildImage({
      builder: 'podman',
      builderOptions: podman.options,
      base: baseTag,
      tag: TAG,
    });
    appBytes = built.appBytes;
    image = await inspectImage(podman, TAG);
    rootfs = path.join(work, 'rootfs');
    await exportImage(podman, TAG, rootfs);
  }, 900_000);

  afterAll(async () => {
    await podman?.remove();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is labelled, runs as a non-root user, exposes 8000 and has a health check', async () => {
    const { version } = (await import('mcp-panther/package.json', { with: { type: 'json' } })).default;
    expect(image.labels).toMatchObject({
      'org.opencontainers.image.title': 'mcp-panther',
      'org.opencontainers.image.version': version,
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.source': 'https://github.com/mcp-panther/mcp-panther',
    });
    expect(image.labels['org.opencontainers.image.revision']).toMatch(/^[0-9a-f]{40}$|^unknown$/);
    expect(Date.parse(image.labels['org.opencontainers.image.created'] ?? '')).not.toBeNaN();
    expect(image.user).toBe('1000:1000');
    expect(image.exposedPorts).toEqual(['8000/tcp']);
    expect(image.healthcheck?.[0]).toBe('CMD');
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    console.log(
      `container image: ${mib(image.sizeBytes)} (app layer ${mib(appBytes)} on the test base, Debian bookworm minbase and Node 24)`,
    );
  });

  it('serves MCP over stdio by default: initialize, tools/list and list_alerts on the embedded sandbox', async () => {
    const { command, args } = entrypoint([], SANDBOX);
    const transport = new StdioClientTransport({ command, args, env: hostEnv(), stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const client = new Client({ name: 'image-test', version: '1.0.0' });
    try {
      await client.connect(transport);
      expect(client.getServerVersion()?.name).toBe('mcp-panther');
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain('list_alerts');
      expect(tools).not.toContain('update_alert_status');
      const result = await client.callTool({ name: 'list_alerts', arguments: { page_size: 3 } });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      const table = (result.structuredContent as { alerts: { rows: unknown[] } }).alerts;
      expect(table.rows.length).toBeGreaterThan(0);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr}`);
    } finally {
      await client.close();
    }
  }, 120_000);

  it('serves streamable HTTP by environment, with /healthz and the configured health check', async () => {
    const port = String(await freePort());
    const token = 'image-test-token-0123456789';
    // Loopback here: the test listens on nothing else. The image's own default (every interface) is checked below.
    const env = {
      ...SANDBOX,
      MCP_TRANSPORT: 'http',
      MCP_HOST: '127.0.0.1',
      MCP_PORT: port,
      MCP_HTTP_AUTH_TOKEN: token,
    };
    const { command, args } = entrypoint([], env);
    const server = spawn(command, args, { env: hostEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    try {
      await waitFor(
        () => stderr.includes('"msg":"listening"'),
        90_000,
        () => stderr,
      );
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      const client = new Client({ name: 'image-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('list_alerts');
      await client.close();

      const check = chrootCommand(rootfs, image, image.healthcheck!.slice(1), env);
      expect((await run(check.command, check.args, { env: hostEnv(), timeoutMs: 30_000 })).code).toBe(0);
      server.kill('SIGKILL');
      await exited;
      const after = await run(check.command, check.args, { env: hostEnv(), timeoutMs: 30_000 });
      expect(after.code).toBe(1);
      expect(after.stderr).toContain(`http://127.0.0.1:${port}/healthz did not answer`);
    } finally {
      server.kill('SIGKILL');
      await exited;
    }
  }, 180_000);

  it('refuses HTTP on every interface (its default address) without a token, saying what to set', async () => {
    const { command, args } = entrypoint([], { ...SANDBOX, MCP_TRANSPORT: 'http' });
    const result = await run(command, args, { env: hostEnv(), timeoutMs: 90_000 });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Refusing to serve HTTP on 0.0.0.0 without authentication');
    expect(result.stderr).toContain('MCP_HTTP_AUTH_TOKEN');
  }, 120_000);

  it('answers commands given after the image name (`tools`)', async () => {
    const { command, args } = entrypoint(['tools', '--read-write'], SANDBOX);
    const result = await run(command, args, { env: hostEnv(), timeoutMs: 90_000 });
    expect(result.code, result.stderr).toBe(0);
    // Every tool the bundled packs serve is enabled in read-write mode on the sandbox, whatever their number.
    expect(result.stdout).toMatch(/\b(\d+) of \1 tools enabled \(mode read-write, sandbox\)/);
  }, 120_000);
});

async function waitFor(done: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
