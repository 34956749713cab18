import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '@mcp-panther/sandbox';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPanther, tempDir } from './testdata/harness.js';
import { run, testNode, userEnv } from './testdata/install.js';
import { WORKSPACE_ROOT } from './testdata/workspacePackages.js';

// Every shell line of the README's quick start, "Useful commands" and install sections, run as printed (by bash,
// as a terminal would) on a fresh clone of this repository's committed tree: install and build from nothing,
// serve, stop with Ctrl-C. A line that cannot run here is listed below with the reason, and a line the README
// gains fails the first test until it is sorted into one or the other.

const README = readFileSync(path.join(WORKSPACE_ROOT, 'README.md'), 'utf8');

/** The README between two headings. */
function section(from: string, to: string): string {
  const start = README.indexOf(from);
  const end = README.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`README has no section from "${from}" to "${to}"`);
  return README.slice(start, end);
}

/** Each command line of the text's ```sh blocks (without its trailing comment), and of its tables' first column. */
function shellLines(text: string): string[] {
  const lines: string[] = [];
  for (const block of text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1]!.split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command !== '' && !command.startsWith('#')) lines.push(command);
    }
  }
  for (const row of text.matchAll(/^\| `([^`]+)` +\|/gm)) lines.push(row[1]!);
  return lines;
}

const PRINTED = [
  ...shellLines(section('## Quick start', '## Install')),
  ...shellLines(section('## Install', '## Tools')),
];

const PNPM = 'npx -y pnpm@10.34.8';
/** Lines this test does not run, and why. */
const NOT_RUN: Readonly<Record<string, string>> = {
  [`${PNPM} test`]: 'the whole suite, this test included: CI runs it as printed (.ci/run)',
  'npx @modelcontextprotocol/inspector npx mcp-panther':
    'opens a web UI in a browser and waits for a person to use it',
  [`${PNPM} bench`]:
    'minutes of measurements, not checks; packages/bench has its own tests and `pnpm bench` is run by hand',
  [`${PNPM} install`]: 'the first line of the quick start, which this test runs first',
  [`${PNPM} run build:mcpb`]:
    'builds everything again; packages/distribution/src/mcpb/mcpb.e2e.test.ts builds and checks the extension',
};

const PANTHER_LINE = `PANTHER_INSTANCE_URL=https://acme.runpanther.net PANTHER_API_TOKEN=... ${PNPM} start`;
/** Lines this test runs, in the README's order (later ones use what the first one installed). */
const RUN = [
  `${PNPM} install && ${PNPM} start`,
  PANTHER_LINE,
  'npx mcp-panther --help',
  'npx mcp-panther tools',
  'npx mcp-panther doctor',
  'npx mcp-panther sandbox',
  'npx mcp-panther create-pack my-pack',
  `cd packages/cli && ${PNPM} pack`,
  'npm install -g ./mcp-panther-*.tgz',
];

/** Install and build from nothing (about 3 minutes on 2 busy cores), then the server's own start-up. */
const INSTALL_MS = 900_000;

interface Started {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `pattern` is in the output stream, rejects when the line exits first or after `timeoutMs`. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Resolves with what `find` finds in the output stream, as `waitFor`. */
  waitUntil<T>(
    stream: 'stdout' | 'stderr',
    find: (text: string) => T | undefined,
    timeoutMs: number,
  ): Promise<T>;
  /** Ctrl-C in a terminal: SIGINT to every process of the line's group. Resolves with its exit code or signal. */
  interrupt(timeoutMs?: number): Promise<number | string | null>;
}

const started: ChildProcess[] = [];

/** Starts a long-running line in a process group of its own, as a terminal runs a command. */
function startLine(line: string, cwd: string, env: Record<string, string>): Started {
  const child = spawn('bash', ['-c', line], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  started.push(child);
  const output = { stdout: '', stderr: '' };
  const waiters = new Set<() => void>();
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].setEncoding('utf8').on('data', (chunk: string) => {
      output[stream] += chunk;
      for (const check of waiters) check();
    });
  }
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const waitUntil = <T>(
    stream: 'stdout' | 'stderr',
    find: (text: string) => T | undefined,
    timeoutMs: number,
    what = 'what was awaited',
  ): Promise<T> =>
    new Promise((resolve, reject) => {
      let settled = false;
      const done = () => {
        settled = true;
        waiters.delete(check);
        clearTimeout(timer);
      };
      const check = () => {
        const found = find(output[stream]);
        if (found !== undefined && !settled) {
          done();
          resolve(found);
        }
      };
      const fail = (why: string) => {
        if (settled) return;
        done();
        reject(new Error(`${line}: ${why} before ${what} appeared\n${output.stdout}\n${output.stderr}`));
      };
      const timer = setTimeout(() => fail(`${timeoutMs} ms passed`), timeoutMs);
      waiters.add(check);
      void exited.then((how) => fail(`exited (${how})`));
      check();
    });
  return {
    child,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    waitUntil,
    waitFor: (stream, pattern, timeoutMs) =>
      waitUntil(stream, (text) => pattern.exec(text) ?? undefined, timeoutMs, String(pattern)),
    interrupt: async (timeoutMs = 30_000) => {
      process.kill(-child.pid!, 'SIGINT');
      const timer = setTimeout(() => killGroup(child), timeoutMs);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Sends JSON-RPC messages to a server on the line's stdin and waits for the answer to `id` on its stdout. */
async function rpc(line: Started, id: number, method: string, params: object = {}): Promise<unknown> {
  line.child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
  // Other lines on stdout (pnpm's "> start" header) are not MCP and are passed over.
  const answerTo = (text: string) =>
    text
      .split('\n')
      .filter((candidate) => candidate.startsWith('{'))
      .map((candidate) => {
        try {
          return JSON.parse(candidate) as { id?: unknown; result?: unknown; error?: unknown };
        } catch {
          return undefined; // the rest of the line is still to come
        }
      })
      .find((message) => message?.id === id);
  const message = await line.waitUntil('stdout', answerTo, 60_000);
  if (message.error !== undefined) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
  return message.result;
}

/** initialize, tools/list and a tool call over the line's stdin and stdout, as an MCP client would. */
async function speaksMcp(line: Started): Promise<void> {
  const init = (await rpc(line, 1, 'initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'readme', version: '1' },
  })) as { serverInfo: { name: string } };
  expect(init.serverInfo.name).toBe('mcp-panther');
  line.child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  const { tools } = (await rpc(line, 2, 'tools/list')) as { tools: { name: string }[] };
  expect(tools.length).toBeGreaterThanOrEqual(20);
  const call = (await rpc(line, 3, 'tools/call', { name: 'list_alerts', arguments: { page_size: 1 } })) as {
    isError?: boolean;
  };
  expect(call.isError).toBeFalsy();
}

/**
 * Ctrl-C: the server shuts down on SIGINT and nothing reports a failure. The line itself ends with 0, or with
 * SIGINT (a shell shows 130) where a launcher (npx) re-raises the signal it got, as launchers do.
 */
async function stopsCleanly(line: Started): Promise<void> {
  expect([0, 130, 'SIGINT']).toContain(await line.interrupt());
  expect(line.stderr()).toContain('"msg":"shutting down","reason":"SIGINT"');
  const output = line.stdout() + line.stderr();
  expect(output).not.toMatch(/ELIFECYCLE|Command failed|"level":"error"/);
}

describeWithPrograms(
  [{ command: 'git', install: 'apt-get install -y git, or on macOS xcode-select --install' }],
  "the README's shell lines on a fresh clone",
  () => {
    let tmp: Awaited<ReturnType<typeof tempDir>>;
    let clone: string;
    let panther: Sandbox;
    const env = () => userEnv(testNode());

    beforeAll(async () => {
      [tmp, panther] = await Promise.all([tempDir(), startPanther()]);
      clone = path.join(tmp.dir, 'mcp-panther');
      // safe.directory: the workspace may belong to another user than the one running the tests (a CI checkout).
      const cloned = await run('git', ['-c', 'safe.directory=*', 'clone', '--quiet', WORKSPACE_ROOT, clone], {
        cwd: tmp.dir,
        env: env(),
      });
      expect(cloned.code, cloned.stderr).toBe(0);
    }, 120_000);

    afterAll(async () => {
      for (const child of started) killGroup(child);
      await panther?.close();
      await tmp?.remove();
    });

    it('are each run below or listed with why not', () => {
      expect([...PRINTED].sort()).toEqual([...RUN, ...Object.keys(NOT_RUN)].sort());
    });

    it(
      `${RUN[0]}: installs, builds, serves MCP on stdio on the sandbox, and stops cleanly on Ctrl-C`,
      async () => {
        const line = startLine(RUN[0]!, clone, env());
        await line.waitFor('stderr', /"msg":"ready".*"panther":"sandbox"/, INSTALL_MS);
        await speaksMcp(line);
        await stopsCleanly(line);
      },
      INSTALL_MS + 120_000,
    );

    it(`${PANTHER_LINE}: serves that Panther (here the test's sandbox, as URL and token)`, async () => {
      const line = PANTHER_LINE.replace('https://acme.runpanther.net', panther.url).replace(
        'PANTHER_API_TOKEN=...',
        `PANTHER_API_TOKEN=${panther.tokens.analyst}`,
      );
      expect(line).not.toContain('...');
      const server = startLine(line, clone, env());
      await server.waitFor('stderr', /"msg":"ready"/, 120_000);
      // The embedded sandbox was not started: the answers come from the Panther named.
      expect(server.stderr()).not.toContain('running on the embedded Panther sandbox');
      await speaksMcp(server);
      expect(server.stderr()).not.toContain(panther.tokens.analyst);
      await stopsCleanly(server);
    }, 180_000);

    for (const command of ['npx mcp-panther --help', 'npx mcp-panther tools', 'npx mcp-panther doctor']) {
      it(`${command} exits 0 on the sandbox`, async () => {
        const result = await run('bash', ['-c', command], { cwd: clone, env: env(), timeoutMs: 120_000 });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout.length).toBeGreaterThan(0);
      }, 150_000);
    }

    it('npx mcp-panther sandbox prints the URL and token to use, serves them, and stops on Ctrl-C', async () => {
      const sandbox = startLine('npx mcp-panther sandbox', clone, env());
      const [, url] = await sandbox.waitFor(
        'stdout',
        /^PANTHER_INSTANCE_URL=(http:\/\/127\.0\.0\.1:\d+)$/m,
        120_000,
      );
      const [, token] = await sandbox.waitFor('stdout', /^PANTHER_API_TOKEN=(\S+)$/m, 10_000);
      const alerts = await fetch(`${url}/alerts?limit=1`, { headers: { 'X-API-Key': token! } });
      expect(alerts.status).toBe(200);
      expect([0, 130, 'SIGINT']).toContain(await sandbox.interrupt());
      // The sandbox itself has stopped (give its own shutdown a moment after npx is gone).
      let stopped = false;
      for (let i = 0; i < 50 && !stopped; i++) {
        stopped = await fetch(`${url}/alerts?limit=1`, {
          headers: { 'X-API-Key': token!, connection: 'close' },
        }).then(
          () => false,
          () => true,
        );
        if (!stopped) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stopped).toBe(true);
    }, 180_000);

    it('npx mcp-panther create-pack my-pack writes the pack into ./my-pack', async () => {
      const result = await run('bash', ['-c', 'npx mcp-panther create-pack my-pack'], {
        cwd: clone,
        env: env(),
        timeoutMs: 120_000,
      });
      expect(result.code, result.stderr).toBe(0);
      const manifest = JSON.parse(readFileSync(path.join(clone, 'my-pack/package.json'), 'utf8'));
      expect(manifest.name).toBe('mcp-panther-pack-my-pack');
    }, 150_000);

    it(`cd packages/cli && ${PNPM} pack, then npm install -g of the tarball: the mcp-panther command, anywhere`, async () => {
      const packed = await run('bash', ['-c', `cd packages/cli && ${PNPM} pack`], {
        cwd: clone,
        env: env(),
        timeoutMs: 120_000,
      });
      expect(packed.code, packed.stderr).toBe(0);
      // -g as printed, with npm's global folder (its prefix) in the test's folder instead of the machine's.
      const prefix = path.join(tmp.dir, 'npm-global');
      const global: Record<string, string> = {
        ...env(),
        NPM_CONFIG_PREFIX: prefix,
        NPM_CONFIG_AUDIT: 'false',
        NPM_CONFIG_FUND: 'false',
        NPM_CONFIG_UPDATE_NOTIFIER: 'false',
      };
      const installed = await run('bash', ['-c', 'npm install -g ./mcp-panther-*.tgz'], {
        cwd: path.join(clone, 'packages/cli'),
        env: global,
        timeoutMs: 300_000,
      });
      expect(installed.code, installed.stderr).toBe(0);
      expect(existsSync(path.join(prefix, 'bin/mcp-panther'))).toBe(true);
      const version = JSON.parse(readFileSync(path.join(clone, 'packages/cli/package.json'), 'utf8')).version;
      const anywhere = await run('bash', ['-c', 'mcp-panther --version'], {
        cwd: tmp.dir,
        env: { ...global, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${global['PATH']}` },
      });
      expect(anywhere.code, anywhere.stderr).toBe(0);
      expect(anywhere.stdout.trim()).toContain(version);
    }, 360_000);
  },
);
