import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@mcp-panther/core';
import { describe, expect, it } from 'vitest';

const CONFIGS = fileURLToPath(new URL('../../../examples/configs/', import.meta.url));

describe('examples/configs', () => {
  it('every example server config is valid', async () => {
    const files = (await readdir(CONFIGS)).filter((f) => f.endsWith('.config.json'));
    expect(files.sort()).toEqual(['http.config.json', 'read-only.config.json', 'team.config.json']);
    for (const file of files) {
      const { config } = await loadConfig({ configPath: `${CONFIGS}${file}`, env: {} });
      expect(config.policy.mode).toBe('read-only');
    }
    const http = await loadConfig({ configPath: `${CONFIGS}http.config.json`, env: {} });
    expect(http.config.server).toMatchObject({
      transport: 'streamable-http',
      host: '0.0.0.0',
      stateless: true,
    });
    const team = await loadConfig({ configPath: `${CONFIGS}team.config.json`, env: {} });
    expect(Object.keys(team.config.profiles)).toEqual(['analyst', 'responder']);
    expect(team.config.server.auth?.oauth?.audience).toBe('https://mcp.example.com/mcp');
  });

  it('every client config is valid JSON and starts the installed command', async () => {
    const files = (await readdir(CONFIGS)).filter((f) => f.endsWith('.json') && !f.endsWith('.config.json'));
    expect(files.sort()).toEqual(['claude_desktop_config.json', 'cursor.mcp.json', 'vscode.mcp.json']);
    for (const file of files) {
      const parsed = JSON.parse(await readFile(`${CONFIGS}${file}`, 'utf8')) as {
        mcpServers?: Record<string, { command: string }>;
        servers?: Record<string, { command: string }>;
      };
      const servers = Object.values(parsed.mcpServers ?? parsed.servers ?? {});
      expect(
        servers.map((s) => s.command),
        file,
      ).toEqual(['mcp-panther']);
    }
  });
});
