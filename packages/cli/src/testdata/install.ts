import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Helpers for the install test: a user's machine is a folder outside the workspace, plain npm, and the Node
 * binary under test (MCP_PANTHER_TEST_NODE, for example Node 24 in CI; by default the one running the tests).
 */

export interface TestNode {
  readonly node: string;
  readonly binDir: string;
}

export function testNode(): TestNode {
  const node = process.env['MCP_PANTHER_TEST_NODE'] || process.execPath;
  return { node, binDir: path.dirname(node) };
}

/**
 * Variables a user's shell would have: PATH (the tested Node first), HOME, TMPDIR, and how this machine reaches the
 * npm registry (proxies, extra certificate authorities, npm's registry settings).
 */
export function userEnv(node: TestNode, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  const pass =
    /^(HOME|TMPDIR|SystemRoot|https?_proxy|no_proxy|NODE_EXTRA_CA_CERTS|SSL_CERT_(FILE|DIR)|npm_config_(registry|cache|cafile|strict_ssl|proxy|https_proxy))$/i;
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && pass.test(key)) env[key] = value;
  }
  env['PATH'] = [node.binDir, process.env['PATH'] ?? ''].join(path.delimiter);
  return { ...env, ...extra };
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion (killed after `timeoutMs`, which then fails with what it printed so far). */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} took over ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `npm install` as a user types it (no audit, no funding notes), failing with npm's own output. */
export async function npmInstall(
  cwd: string,
  specs: readonly string[],
  env: Record<string, string>,
): Promise<void> {
  const result = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error', ...specs],
    { cwd, env, timeoutMs: 300_000 },
  );
  if (result.code !== 0) throw new Error(`npm install failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
}

/** Bytes of every file under a folder (symbolic links not followed). */
export function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(full);
    else if (entry.isFile()) total += lstatSync(full).size;
  }
  return total;
}

/** The installed packages under a node_modules folder (scoped and nested ones included). */
export function installedPackages(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@')
      ? readdirSync(path.join(nodeModules, entry.name)).map((name) => path.join(entry.name, name))
      : [entry.name];
    for (const name of dirs) {
      const dir = path.join(nodeModules, name);
      if (!existsSync(path.join(dir, 'package.json'))) continue;
      found.push(name, ...installedPackages(path.join(dir, 'node_modules')));
    }
  }
  return found;
}
