import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  type ClientCapabilities,
  ElicitRequestSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';

/** Helpers for the end-to-end tests: they drive the built `mcp-panther` (its bundle) as a child process. */

/** A loopback port nothing listens on now (taken, then released): for a listener a test starts, or a closed port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The Panther the end-to-end tests talk to: the sandbox, small and seeded, started in the test process. */
export function startPanther(): Promise<Sandbox> {
  return startSandbox({ events: 2_000, seed: 7 });
}

/** The id of one alert in the sandbox (for write tools). */
export async function someAlertId(panther: Sandbox): Promise<string> {
  const response = await fetch(`${panther.url}/alerts?limit=1`, {
    headers: { 'X-API-Key': panther.tokens.admin },
  });
  const page = (await response.json()) as { results: { id: string }[] };
  return page.results[0]!.id;
}

/** The command as users run it: the package's bin, which runs the bundle (bundle/, built by `pnpm run build`). */
export const BIN = fileURLToPath(new URL('../../bin/mcp-panther.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../bundle/bin.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: run "pnpm run build" before the end-to-end tests`);
}

/** A clean environment: no Panther or MCP variables leak in from the developer's shell. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'SystemRoot']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, LOG_LEVEL: 'info', ...extra };
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-e2e-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeConfig(dir: string, name: string, config: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return file;
}

const children = new Set<ChildProcess>();

/** Kills every child the tests started (SIGKILL after a short grace). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            children.delete(child);
            return resolve();
          }
          const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
          child.once('exit', () => {
            clearTimeout(timer);
            children.delete(child);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Runs the CLI to completion: exit code, stdout, stderr. */
export function runCli(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mcp-panther ${args.join(' ')} did not exit within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface StdioOptions {
  /** An installed `mcp-panther` to run (from `cwd`) instead of the workspace's build. */
  readonly installed?: { readonly command: string; readonly cwd: string };
  /** What the client declares it can do (an extension, for views). */
  readonly capabilities?: ClientCapabilities;
  /** The person's answer to each confirmation the server asks for; the client declares elicitation with it. */
  readonly elicit?: (message: string) => ElicitResult['action'];
}

/**
 * Starts `mcp-panther` over stdio and connects the SDK client to it: the workspace's build, or an installed
 * `mcp-panther` (`options.installed`). The server's stderr is kept, and added to a connection failure.
 */
export async function connectStdio(
  args: readonly string[],
  env: Record<string, string>,
  options: StdioOptions = {},
): Promise<{ client: Client; stderr: () => string; pid: number | null; close(): Promise<void> }> {
  const { installed, elicit } = options;
  const transport = new StdioClientTransport({
    command: installed?.command ?? process.execPath,
    args: installed ? [...args] : [BIN, ...args],
    env,
    stderr: 'pipe',
    ...(installed ? { cwd: installed.cwd } : {}),
  });
  let stderr = '';
  transport.stderr?.on('data', (c) => {
    stderr += c;
  });
  const capabilities = { ...options.capabilities, ...(elicit ? { elicitation: { form: {} } } : {}) };
  const client = new Client({ name: 'e2e', version: '1.0.0' }, { capabilities });
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => ({
      action: elicit(request.params.message),
    }));
  }
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => {});
    throw new Error(`${(error as Error).message}\nserver stderr:\n${stderr}`);
  }
  return { client, stderr: () => stderr, pid: transport.pid, close: () => client.close() };
}

/** The URL of a "listening" log line, in JSON or in the plain text format. */
function listeningUrl(line: string): string | undefined {
  if (line.startsWith('{')) {
    try {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      return entry.msg === 'listening' ? entry.url : undefined;
    } catch {
      return undefined; // the rest of the line is in the next chunk
    }
  }
  return /^\S+ INFO +listening url=(\S+)/.exec(line)?.[1];
}

/** Starts `mcp-panther` serving HTTP (port 0), in `options.cwd` if given, and waits for its "listening" log line (JSON or plain). */
export async function startHttp(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 15_000,
  nodeArgs: readonly string[] = [],
  options: { readonly cwd?: string } = {},
): Promise<{ url: string; process: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  children.add(child);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening" line within ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    let listening = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      // Only until the line is found: servers that log a lot would make every later chunk re-read all of it.
      if (listening) return;
      for (const line of stderr.split('\n')) {
        const found = listeningUrl(line);
        if (found) {
          listening = true;
          clearTimeout(timer);
          resolve(found);
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mcp-panther exited with ${code}\n${stderr}`));
    });
  });
  return { url, process: child, stderr: () => stderr };
}

export async function connectHttp(
  url: string,
  headers: Record<string, string> = {},
  capabilities: ClientCapabilities = {},
): Promise<Client> {
  const client = new Client({ name: 'e2e-http', version: '1.0.0' }, { capabilities });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

export const textOf = (result: object): string =>
  (((result as { content?: unknown }).content as { type: string; text?: string }[] | undefined) ?? [])
    .map((c) => c.text ?? '')
    .join('\n');
