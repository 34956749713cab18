import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { assertBuilt, baseEnv } from './testdata/harness.js';
import { run } from './testdata/install.js';
import { WORKSPACE_ROOT } from './testdata/workspacePackages.js';

// The README's "Useful commands", run as written from the repository root (npx finds the command this workspace
// built). The ones that open a web UI, run the benchmarks or write a folder into the clone are covered elsewhere:
// create-pack by the install test.

const readme = readFileSync(path.join(WORKSPACE_ROOT, 'README.md'), 'utf8');
const table = readme.slice(readme.indexOf('Useful commands'), readme.indexOf('## Install'));
const commands = [...table.matchAll(/^\| `(npx mcp-panther[^`]*)`/gm)].map((m) => m[1]!);

beforeAll(() => {
  assertBuilt();
});

const env = () => baseEnv({ LOG_LEVEL: '' });

describe("the README's commands", () => {
  it('are the ones this test runs', () => {
    expect(commands).toEqual([
      'npx mcp-panther --help',
      'npx mcp-panther tools',
      'npx mcp-panther doctor',
      'npx mcp-panther sandbox',
      'npx mcp-panther create-pack my-pack',
    ]);
  });

  for (const command of commands.filter((c) => !/ (sandbox|create-pack)\b/.test(c))) {
    it(`${command} exits 0 on the sandbox`, async () => {
      const [file, ...args] = command.split(' ');
      const result = await run(file!, args, { cwd: WORKSPACE_ROOT, env: env(), timeoutMs: 60_000 });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(0);
    });
  }

  it('npx mcp-panther sandbox prints the URL and token to use, serves them, and stops on Ctrl-C', async () => {
    const [file, ...args] = 'npx mcp-panther sandbox'.split(' ');
    // A process group of its own, as a shell gives a command: Ctrl-C signals npx and the command it runs.
    const child = spawn(file!, args, {
      cwd: WORKSPACE_ROOT,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    // Whatever happens below, nothing this test started outlives it.
    onTestFinished(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL and token within 60 s:\n${stdout}`)), 60_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (
          /^PANTHER_INSTANCE_URL=http:\/\/127\.0\.0\.1:\d+$/m.test(stdout) &&
          /^PANTHER_API_TOKEN=\S+$/m.test(stdout)
        ) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${stdout}`)));
    });
    const url = /^PANTHER_INSTANCE_URL=(\S+)$/m.exec(stdout)![1]!;
    const token = /^PANTHER_API_TOKEN=(\S+)$/m.exec(stdout)![1]!;
    const alerts = await fetch(`${url}/alerts?limit=1`, { headers: { 'X-API-Key': token } });
    expect(alerts.status).toBe(200);
    const exited = new Promise<string | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    process.kill(-child.pid!, 'SIGINT');
    expect([0, 130, 'SIGINT']).toContain(await exited);
    // The sandbox itself has stopped (give its own shutdown a moment after npx is gone).
    let stopped = false;
    for (let i = 0; i < 50 && !stopped; i++) {
      stopped = await fetch(`${url}/alerts?limit=1`, {
        headers: { 'X-API-Key': token, connection: 'close' },
      }).then(
        () => false,
        () => true,
      );
      if (!stopped) await new Promise((r) => setTimeout(r, 100));
    }
    expect(stopped).toBe(true);
  });
});
