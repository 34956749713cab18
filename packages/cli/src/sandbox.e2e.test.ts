import { spawn } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, baseEnv, connectStdio, killAll, runCli } from './testdata/harness.js';

// The embedded sandbox: `mcp-panther` with no Panther URL runs on it; `mcp-panther sandbox` serves it alone.

beforeAll(() => {
  assertBuilt();
});
afterEach(async () => {
  await killAll();
});

describe('the embedded sandbox', () => {
  it('serves the first-party packs on the sandbox when no PANTHER_INSTANCE_URL is set, and says so', async () => {
    const session = await connectStdio(
      ['--log-level', 'info'],
      baseEnv({ MCP_PANTHER_SANDBOX_EVENTS: '2000' }),
    );
    try {
      const { client } = session;
      expect(client.getInstructions()).toContain('embedded Panther sandbox');
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain('list_alerts');
      expect(tools).not.toContain('update_alert_status');
      const alerts = await client.callTool({ name: 'list_alerts', arguments: { page_size: 2 } });
      expect(alerts.isError).toBeFalsy();
      const resource = await client.readResource({ uri: 'config://panther' });
      const info = JSON.parse((resource.contents[0] as { text: string }).text);
      expect(info).toMatchObject({ sandbox: true, mode: 'read-only' });
      expect(info.rest_api_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(session.stderr()).toContain('running on the embedded Panther sandbox');
    } finally {
      await session.close();
    }
  });

  it('`mcp-panther sandbox` prints the URL and token, serves until SIGTERM, and doctor accepts them', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--events', '1000', '--seed', '3'], {
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const vars = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no output from mcp-panther sandbox:\n${stdout}`)),
        20_000,
      );
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const url = /^PANTHER_INSTANCE_URL=(.+)$/m.exec(stdout)?.[1];
        const token = /^PANTHER_API_TOKEN=(.+)$/m.exec(stdout)?.[1];
        if (url && token) {
          clearTimeout(timer);
          resolve({ PANTHER_INSTANCE_URL: url, PANTHER_API_TOKEN: token });
        }
      });
      child.on('exit', (code) => reject(new Error(`mcp-panther sandbox exited with ${code}`)));
    });
    try {
      expect(vars['PANTHER_INSTANCE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const doctor = await runCli(['doctor'], baseEnv(vars), 20_000);
      expect(doctor.stdout).toContain('✓ API token: accepted by Panther');
      expect(doctor.code).toBe(0);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
