/**
 * Starts the two servers under test — the mcp-panther host (the built CLI) and the bare SDK baseline — over
 * stdio or streamable HTTP, and connects an SDK client to each.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export type TargetKind = 'host' | 'bare';
export type TransportKind = 'stdio' | 'http';

export interface TargetOptions {
  kind: TargetKind;
  upstreamUrl: string;
  upstreamToken: string;
  /** Host only: path of the config file to pass with --config. */
  configPath?: string;
  /** Host only: more environment (Redis, stateless HTTP). */
  env?: Record<string, string>;
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The `mcp-panther` bin of the CLI package (found from its main entry, since package.json is not exported). */
export function hostBin(): string {
  let dir = dirname(require.resolve('mcp-panther'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  const bin = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: Record<string, string> })
    .bin['mcp-panther'];
  return join(dir, bin ?? 'dist/bin.js');
}

const bareBin = (): string => join(here, 'bareServer.js');

function command(
  options: TargetOptions,
  transport: TransportKind,
  port?: number,
): { args: string[]; env: Record<string, string> } {
  const base: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    LOG_LEVEL: 'error',
  };
  if (options.kind === 'bare') {
    return {
      args: [bareBin(), transport, ...(port === undefined ? [] : [String(port)])],
      env: { ...base, UPSTREAM_URL: options.upstreamUrl, UPSTREAM_TOKEN: options.upstreamToken },
    };
  }
  const args = [hostBin(), 'serve', ...(options.configPath ? ['--config', options.configPath] : [])];
  return {
    args,
    env: {
      ...base,
      PANTHER_INSTANCE_URL: options.upstreamUrl,
      PANTHER_API_TOKEN: options.upstreamToken,
      MCP_TRANSPORT: transport === 'http' ? 'streamable-http' : 'stdio',
      ...(port === undefined ? {} : { MCP_PORT: String(port), MCP_HOST: '127.0.0.1' }),
      ...options.env,
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StdioTarget {
  client: Client;
  pid: number | undefined;
  close(): Promise<void>;
}

/** Spawns the server and connects over stdio; resolves once `initialize` has been answered. */
export async function connectStdio(options: TargetOptions): Promise<StdioTarget> {
  const { args, env } = command(options, 'stdio');
  const transport = new StdioClientTransport({ command: process.execPath, args, env, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '0.0.0' });
  await client.connect(transport);
  return { client, pid: transport.pid ?? undefined, close: () => client.close() };
}

export interface HttpTarget {
  url: URL;
  pid: number | undefined;
  connect(): Promise<Client>;
  close(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      fetch(`http://127.0.0.1:${port}/mcp`, { method: 'GET' })
        .then(() => resolve(true))
        .catch(() => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not listen on ${port} within ${timeoutMs} ms`);
}

/** An SDK client connected over streamable HTTP (a new session, or none when the server is stateless). */
export async function connectHttpClient(url: URL): Promise<Client> {
  const client = new Client({ name: 'bench', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url));
  return client;
}

/** Spawns the server on a free loopback port; each `connect()` opens a new MCP session. */
export async function startHttp(options: TargetOptions): Promise<HttpTarget> {
  const port = await freePort();
  const { args, env } = command(options, 'http', port);
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port, child);
  const url = new URL(`http://127.0.0.1:${port}/mcp`);
  const clients: Client[] = [];
  return {
    url,
    pid: child.pid,
    async connect() {
      const client = await connectHttpClient(url);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.allSettled(clients.map((c) => c.close()));
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(undefined)));
    },
  };
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
