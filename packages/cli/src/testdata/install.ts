import { existsSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type RunResult, run as runProgram } from '../../../distribution/src/run.js';

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

export type { RunResult } from '../../../distribution/src/run.js';

/** Runs a command to completion (killed after `timeoutMs`, default 60 s, which then fails with what it printed). */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<RunResult> {
  return runProgram(command, args, { ...options, timeoutMs: options.timeoutMs ?? 60_000 });
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
