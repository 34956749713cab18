import { spawn } from 'node:child_process';
import type { Sandbox } from '@mcp-panther/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, baseEnv, connectStdio, startPanther } from './testdata/harness.js';

// The stdio pipes themselves: an MCP client that goes away must end the server cleanly.

let panther: Sandbox;
beforeAll(async () => {
  assertBuilt();
  panther = await startPanther();
});
afterAll(async () => {
  await panther?.close();
});

const rpc = (message: object) => `${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`;

describe('mcp-panther over stdio pipes', () => {
  it('shuts down cleanly (exit 0, no stack trace) when the client closes stdout before an answer (EPIPE)', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: baseEnv({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: panther.tokens.admin }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    try {
      child.stdin.write(
        rpc({
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 't', version: '1' },
          },
        }),
      );
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      // The client stops reading: the server's next write fails with EPIPE.
      child.stdout.destroy();
      child.stdin.write(rpc({ method: 'notifications/initialized' }));
      child.stdin.write(rpc({ id: 2, method: 'tools/list' }));
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
    expect(stderr).toContain('shutting down');
    expect(stderr).toContain('EPIPE');
    expect(stderr).not.toMatch(/Unhandled|Emitted 'error' event|^\s+at /m);
  });

  it("starts from an MCP client whose PATH has no node, given absolute paths to Node and the script (README's ENOENT fix)", async () => {
    // What the README's Troubleshooting gives as command and args: process.execPath is `which node`, BIN the script.
    const session = await connectStdio(
      [],
      baseEnv({
        PATH: '/nonexistent-bin',
        PANTHER_INSTANCE_URL: panther.url,
        PANTHER_API_TOKEN: panther.tokens.admin,
      }),
    );
    try {
      expect((await session.client.listTools()).tools.length).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  }, 60_000);
});
