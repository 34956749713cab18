import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMcpHostError } from '../errors.js';
import { loadConfig, parseConfig } from './loadConfig.js';
import { DEFAULT_PACKS, defineConfig } from './schema.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('loadConfig', () => {
  it('applies the defaults when there is no file', async () => {
    const { config, filepath, baseDir } = await loadConfig({ cwd: dir, env: {} });
    expect(filepath).toBeUndefined();
    expect(baseDir).toBe(dir);
    expect(config.policy).toEqual({
      mode: 'read-only',
      allowTools: [],
      denyTools: [],
      hideUnpermittedTools: true,
      confirmWrites: 'destructive',
      toolTimeouts: {},
      untrusted: { escapeHidden: true, flag: true, confirmWritesAfterFlag: true, lockdown: false },
      ownership: { sharedWith: 'caller', unrecorded: 'refuse' },
    });
    expect(config.reload).toBe(false);
    expect(config.packs).toEqual([...DEFAULT_PACKS]);
    expect(config.server).toMatchObject({ transport: 'stdio', host: '127.0.0.1', port: 3000, path: '/mcp' });
  });

  it('finds mcp-panther.config.json by search and lets the environment override it', async () => {
    await writeFile(
      path.join(dir, 'mcp-panther.config.json'),
      JSON.stringify({ policy: { mode: 'read-write' }, server: { port: 4000 }, packs: ['x'] }),
    );
    const { config, filepath } = await loadConfig({
      cwd: dir,
      env: {
        MCP_PORT: '5000',
        PANTHER_INSTANCE_URL: 'https://acme.runpanther.net',
        LOG_LEVEL: 'WARNING',
        MCP_PANTHER_CONFIRM_WRITES: 'always',
      },
    });
    expect(filepath).toBe(path.join(dir, 'mcp-panther.config.json'));
    expect(config.policy.mode).toBe('read-write');
    expect(config.server.port).toBe(5000);
    expect(config.panther.instanceUrl).toBe('https://acme.runpanther.net');
    expect(config.logging.level).toBe('warn');
    expect(config.policy.confirmWrites).toBe('always');
    expect(config.packs).toEqual(['x']);
  });

  it('reads the mcp-panther key of package.json and a YAML rc file given by path', async () => {
    await writeFile(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'x', 'mcp-panther': { packs: [] } }),
    );
    expect((await loadConfig({ cwd: dir, env: {} })).config.packs).toEqual([]);
    await writeFile(path.join(dir, 'custom.yaml'), 'policy:\n  denyTools: ["get_*"]\n');
    const { config } = await loadConfig({ cwd: dir, env: {}, configPath: 'custom.yaml' });
    expect(config.policy.denyTools).toEqual(['get_*']);
  });

  it('loads an ESM config written with defineConfig', async () => {
    await writeFile(
      path.join(dir, 'mcp-panther.config.mjs'),
      'export default { server: { transport: "http" } };',
    );
    const { config } = await loadConfig({ cwd: dir, env: {} });
    expect(config.server.transport).toBe('streamable-http');
    expect(defineConfig({ packs: [] })).toEqual({ packs: [] });
  });

  it('loads a TypeScript config file', async () => {
    await writeFile(
      path.join(dir, 'mcp-panther.config.ts'),
      "const mode: 'read-write' = 'read-write';\nexport default { policy: { mode } };\n",
    );
    const { config, filepath } = await loadConfig({ cwd: dir, env: {} });
    expect(filepath).toBe(path.join(dir, 'mcp-panther.config.ts'));
    expect(config.policy.mode).toBe('read-write');
  });

  it('names a config file that cannot be loaded, not just the folder searched', async () => {
    const file = path.join(dir, 'mcp-panther.config.mjs');
    await writeFile(file, 'export default {\n');
    const error = await failure(loadConfig({ cwd: dir, env: {} }));
    expect(isMcpHostError(error) && error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`Cannot read the config file ${file}: `);
  });

  it('points at a JSON or YAML syntax error once, with the file named once', async () => {
    const json = path.join(dir, '.mcp-pantherrc.json');
    await writeFile(json, '{\n  "policy": {\n    "mode": "read-only",\n  }\n}\n');
    for (const options of [{ cwd: dir }, { cwd: dir, configPath: json }]) {
      const error = await failure(loadConfig({ ...options, env: {} }));
      expect(isMcpHostError(error) && error.code).toBe('CONFIG_INVALID');
      expect(error.message.split('\n')[0]).toBe(
        `Cannot read the config file ${json}: JSON syntax error at line 3, column 24: a comma before } is not allowed in JSON`,
      );
      expect(error.message.match(/\^/g)).toHaveLength(1);
    }
    const yaml = path.join(dir, 'bad.yaml');
    await writeFile(yaml, 'policy:\n  mode: [\n');
    const error = await failure(loadConfig({ cwd: dir, configPath: yaml, env: {} }));
    expect(error.message).toMatch(
      new RegExp(`^Cannot read the config file ${yaml}: YAML syntax error: unexpected end`),
    );
    expect(error.message.split(yaml)).toHaveLength(2);
    expect(error.message.match(/\^/g)).toHaveLength(1);
  });

  it('names the file, the field and what is allowed in one error', async () => {
    const file = path.join(dir, 'mcp-panther.config.json');
    await writeFile(
      file,
      JSON.stringify({
        policy: { mode: 'rw', moed: 1 },
        packs: [['a', { enabled: 'yes' }]],
        server: { port: 70000 },
        loging: {},
      }),
    );
    const error = await failure(loadConfig({ cwd: dir, env: {} }));
    expect(isMcpHostError(error) && error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`Invalid configuration in ${file}:`);
    expect(error.message).toMatch(/- loging: is not a known field \(did you mean logging\?\); allowed: /);
    expect(error.message).toContain('policy.mode: must be one of read-only, read-write (got "rw")');
    expect(error.message).toContain(
      'policy.moed: is not a known field (did you mean mode?); allowed: mode, allowTools, denyTools',
    );
    expect(error.message).toContain('packs[0][1].enabled: must be a boolean (got "yes")');
    expect(error.message).toContain('server.port: must be <= 65535 (got 70000)');
  });

  it('names the environment variable that set a bad value, and never shows a token', async () => {
    const error = await failure(
      loadConfig({ cwd: dir, env: { MCP_PORT: 'abc', MCP_HTTP_AUTH_TOKEN: 'short-secret' } }),
    );
    expect(error.message).toContain('server.port (from MCP_PORT): must be a number (got "abc")');
    expect(error.message).toContain(
      'server.authToken (from MCP_HTTP_AUTH_TOKEN): must be at least 16 characters',
    );
    expect(error.message).not.toContain('short-secret');
  });

  it('applies command-line overrides above the environment', async () => {
    const { config } = await loadConfig({
      cwd: dir,
      env: { MCP_PANTHER_MODE: 'read-only' },
      overrides: [{ path: ['policy', 'mode'], value: 'read-write', source: '--read-write' }],
    });
    expect(config.policy.mode).toBe('read-write');
  });

  it('reports a missing --config file and unparsable JSON with the file name', async () => {
    const missing = await failure(loadConfig({ cwd: dir, env: {}, configPath: 'nope.json' }));
    expect(missing.message).toBe(
      `Cannot read the config file ${path.join(dir, 'nope.json')}: the file does not exist`,
    );
    await writeFile(path.join(dir, 'bad.json'), '{ nope');
    const bad = await failure(loadConfig({ cwd: dir, env: {}, configPath: 'bad.json' }));
    expect(bad.message).toContain(path.join(dir, 'bad.json'));
  });

  it('refuses a config file without settings (empty, whitespace, only comments), never reading it as the defaults', async () => {
    for (const [name, text] of [
      ['empty.json', ''],
      ['blank.json', ' \n\t\n'],
      ['blank.yaml', '\n\n'],
      ['comments.yaml', '# policy to follow\n'],
    ] as const) {
      await writeFile(path.join(dir, name), text);
      const error = await failure(
        loadConfig({ cwd: dir, env: { MCP_PANTHER_MODE: 'read-write' }, configPath: name }),
      );
      expect(isMcpHostError(error) && error.code).toBe('CONFIG_INVALID');
      expect(error.message).toBe(
        `Cannot read the config file ${path.join(dir, name)}: the file holds no settings (it is empty, or only whitespace or comments); an empty config is refused, never read as the defaults`,
      );
    }
  });

  it('parseConfig validates an object without files or environment', () => {
    expect(parseConfig({ policy: { mode: 'read-write' } }).policy.mode).toBe('read-write');
    expect(() => parseConfig({ server: { transport: 'sse' } })).toThrow(
      'server.transport: must be one of stdio, streamable-http, http (got "sse")',
    );
  });
});
