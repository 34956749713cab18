import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, baseEnv, connectStdio, killAll } from './testdata/harness.js';
import { WORKSPACE_ROOT } from './testdata/workspacePackages.js';

// Started by hand in a terminal, the server explains itself; started by an MCP client (pipes), it stays machine-
// readable. The terminal is a real pseudo-terminal, made by util-linux's `script`.

beforeAll(() => {
  assertBuilt();
});
afterEach(async () => {
  await killAll();
});

/**
 * This run's pnpm (`pnpm test` sets npm_execpath), else the README's `npx -y pnpm@…`; npx itself ends by the
 * signal on Ctrl-C (exit code 130), whatever the command it ran did.
 */
function pnpmCommand(): { line: string; exitCode: number } {
  const execPath = process.env['npm_execpath'];
  if (execPath && /pnpm/.test(path.basename(execPath))) {
    return { line: /\.[cm]?js$/.test(execPath) ? `${process.execPath} ${execPath}` : execPath, exitCode: 0 };
  }
  return { line: 'npx -y pnpm@10.34.8', exitCode: 130 };
}

/** Runs the command on a pseudo-terminal until `until` appears in its output, then presses Ctrl-C. */
async function inTerminal(
  args: readonly string[],
  until: string,
  command?: string,
  exitCode = 0,
): Promise<string> {
  // exec: the server itself is the terminal's foreground process (Ctrl-C reaches it, not a shell around it).
  const line = command ?? ['exec', process.execPath, BIN, ...args].join(' ');
  const child = spawn('script', ['-qfec', line, '/dev/null'], {
    cwd: WORKSPACE_ROOT,
    env: baseEnv({ MCP_PANTHER_SANDBOX_EVENTS: '1000', TERM: 'xterm' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let pressed = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (!pressed && output.includes(until)) {
      pressed = true;
      child.stdin.write('\x03');
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "${until}" on the terminal within 90 s:\n${output}`));
    }, 90_000);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code, output).toBe(exitCode);
  return output;
}

describe('serving over stdio', () => {
  it('in a terminal: a banner saying what runs and what to do, readable coloured logs, Ctrl-C stops it', async () => {
    const output = await inTerminal([], 'Ctrl-C stops it.');
    expect(output).toContain('is serving MCP over stdio');
    expect(output).toContain('Panther  the embedded sandbox');
    expect(output).toMatch(/Mode {5}read-only, 30 tools \(7 hidden/);
    expect(output).toContain('It now waits for an MCP client on stdin');
    expect(output).toMatch(/ tools +lists the tools/);
    expect(output).toMatch(/npx @modelcontextprotocol\/inspector .*mcp-panther/);
    expect(output).toContain('\x1b[36mINFO \x1b[0m ready ');
    expect(output).toMatch(/shutting down .*reason=.*SIGINT/);
    expect(output).not.toContain('{"time"');
  });

  it("under the quick start's pnpm start, Ctrl-C ends it cleanly: exit code 0 and no failure from pnpm", async () => {
    // Ctrl-C reaches pnpm and the server alike; pnpm runs the script without a POSIX shell of its own
    // (pnpm-workspace.yaml: shellEmulator), which would end itself by the signal after the server's clean exit.
    const pnpm = pnpmCommand();
    const output = await inTerminal([], 'Ctrl-C stops it.', `exec ${pnpm.line} start`, pnpm.exitCode);
    expect(output).toMatch(/shutting down .*reason=.*SIGINT/);
    expect(output).not.toContain('ELIFECYCLE');
    expect(output).not.toContain('Command failed');
  }, 120_000);

  it('from an MCP client (pipes): no banner, JSON log lines only', async () => {
    const session = await connectStdio([], baseEnv({ MCP_PANTHER_SANDBOX_EVENTS: '1000' }));
    try {
      expect((await session.client.listTools()).tools.length).toBe(30);
    } finally {
      await session.close();
    }
    const lines = session
      .stderr()
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(session.stderr()).not.toContain('serving MCP');
  });

  it('--log-format plain gives readable logs without colour through a pipe', async () => {
    const session = await connectStdio(
      ['--log-format', 'plain'],
      baseEnv({ MCP_PANTHER_SANDBOX_EVENTS: '1000' }),
    );
    await session.close();
    expect(session.stderr()).toMatch(/^\S+Z INFO {2}ready mode=read-only .*tools=30 hidden=7$/m);
    expect(session.stderr()).not.toContain('\x1b[');
  });
});
