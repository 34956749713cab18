import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENV_VARS, loadConfig } from '@mcp-panther/core';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from '../commandTarball.js';

// server.json, the entry MCP clients and catalogues read from the MCP registry: valid against the registry's
// published schema (a copy in testdata/registry), and true to the package it names and the variables it reads.

interface EnvironmentVariable {
  name: string;
  description?: string;
  isSecret?: boolean;
  value?: string;
  default?: string;
  choices?: string[];
}
interface ServerJson {
  $schema: string;
  name: string;
  version: string;
  packages: {
    registryType: string;
    identifier: string;
    version: string;
    transport: { type: string; url?: string };
    environmentVariables: EnvironmentVariable[];
  }[];
}

const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const schema = read(path.join(import.meta.dirname, '..', 'testdata', 'registry', 'server.schema.json')) as {
  $id: string;
};
const serverJson = read(path.join(WORKSPACE_ROOT, 'server.json')) as ServerJson;
const command = read(path.join(WORKSPACE_ROOT, 'packages', 'cli', 'package.json')) as {
  name: string;
  version: string;
  mcpName: string;
};

// The schema's own `example` keywords are not validation keywords: Ajv is told not to reject them.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const SECRETS = ['PANTHER_API_TOKEN', 'MCP_HTTP_AUTH_TOKEN'];
const variables = serverJson.packages.flatMap((p) => p.environmentVariables);

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'mcp-panther-server-json-'));
});
afterAll(async () => {
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

describe('server.json', () => {
  it("is valid against the MCP registry's schema it names", () => {
    expect(serverJson.$schema).toBe(schema.$id);
    expect(validate(serverJson), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('is checked by that schema (a description over 100 characters is refused)', () => {
    const tooLong = { ...serverJson, description: 'x'.repeat(101) };
    expect(validate(tooLong)).toBe(false);
    expect(ajv.errorsText(validate.errors)).toContain('must NOT have more than 100 characters');
  });

  it('names the npm package, its version, and the registry name the package claims (mcpName)', () => {
    expect(serverJson.name).toBe(command.mcpName);
    expect(serverJson.version).toBe(command.version);
    for (const p of serverJson.packages) {
      expect(p).toMatchObject({ registryType: 'npm', identifier: command.name, version: command.version });
    }
  });

  it('offers stdio and streamable HTTP, the URL built from the port variable it declares', () => {
    expect(serverJson.packages.map((p) => p.transport.type)).toEqual(['stdio', 'streamable-http']);
    const http = serverJson.packages[1]!;
    const port = /\{(\w+)\}/.exec(http.transport.url ?? '')?.[1];
    expect(port).toBe('MCP_PORT');
    expect(http.environmentVariables.map((v) => v.name)).toContain(port);
  });

  it('declares only variables the server reads, each described, the tokens as secrets', () => {
    const known = new Set(ENV_VARS.map((v) => v.name));
    for (const variable of variables) {
      expect(known.has(variable.name), variable.name).toBe(true);
      expect(variable.description?.length, variable.name).toBeGreaterThan(10);
      expect(variable.isSecret === true, variable.name).toBe(SECRETS.includes(variable.name));
    }
  });

  it('gives fixed values, defaults and choices the server accepts', async () => {
    const settings = variables.flatMap((v) =>
      [v.value, v.default, ...(v.choices ?? [])]
        .filter((value) => value !== undefined)
        .map((value) => ({ name: v.name, value: value! })),
    );
    expect(settings.length).toBeGreaterThan(3);
    for (const { name, value } of settings) {
      await expect(loadConfig({ cwd, env: { [name]: value } }), `${name}=${value}`).resolves.toBeDefined();
    }
    await expect(loadConfig({ cwd, env: { MCP_PANTHER_MODE: 'write-everything' } })).rejects.toThrow(
      /policy\.mode/,
    );
  });
});
