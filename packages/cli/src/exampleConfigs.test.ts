import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@mcp-panther/core';
import { describe, expect, it } from 'vitest';

const CONFIGS = fileURLToPath(new URL('../../../examples/configs/', import.meta.url));

describe('examples/configs', () => {
  it('every example server config is valid', async () => {
    const files = (await readdir(CONFIGS)).filter((f) => f.endsWith('.config.json'));
    expect(files.sort()).toEqual(['http.config.json', 'read-only.config.json']);
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
  });
});
