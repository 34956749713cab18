import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostModule, provideHostModules } from './hostModules.js';
import { importPack } from './importPack.js';
import { resolvePack } from './resolvePack.js';

// Where a pack name in the config is looked up: the config file's folder, then the modules the host provides
// (a bundled host's own packs), then the host's other folders.

let root: string;
const configDir = () => path.join(root, 'config');
const hostDir = () => path.join(root, 'host');
const bundled = () => pathToFileURL(path.join(root, 'bundle', 'pack-things.js')).href;

async function installPack(base: string, name: string): Promise<string> {
  const dir = path.join(base, 'node_modules', name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, type: 'module', main: 'index.js' }));
  await writeFile(path.join(dir, 'index.js'), 'export default {};\n');
  return pathToFileURL(path.join(dir, 'index.js')).href;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mcp-panther-resolve-'));
  await mkdir(configDir(), { recursive: true });
  provideHostModules({ '@acme/pack-things': bundled() });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolvePack', () => {
  it("takes the host's own copy of a pack before the host's other folders", async () => {
    await installPack(hostDir(), '@acme/pack-things');
    expect(resolvePack('@acme/pack-things', [configDir(), hostDir()])).toBe(bundled());
  });

  it('takes a pack installed next to the config over the host’s copy', async () => {
    const beside = await installPack(configDir(), '@acme/pack-things');
    expect(resolvePack('@acme/pack-things', [configDir(), hostDir()])).toBe(beside);
  });

  it('names every folder it looked in when a pack is nowhere', () => {
    expect(() => resolvePack('@acme/pack-nowhere', [configDir(), hostDir()])).toThrow(
      `cannot find package "@acme/pack-nowhere" from ${configDir()} or ${hostDir()}; install it next to the config file (npm install @acme/pack-nowhere)`,
    );
  });
});

describe('hostModule', () => {
  it('gives what the host provides, and nothing for other names', () => {
    expect(hostModule('@acme/pack-things')).toBe(bundled());
    expect(hostModule('left-pad')).toBeUndefined();
  });
});

describe('importPack', () => {
  it('reports a module that is there but fails to import as PACK_IMPORT_FAILED, with the import error', async () => {
    const file = path.join(root, 'needs-missing.mjs');
    await writeFile(file, "import 'no-such-package-for-mcp-panther';\nexport default {};\n");
    const error = await importPack(pathToFileURL(file).href).then(
      () => undefined,
      (failure: Error & { code?: string }) => failure,
    );
    expect(error?.code).toBe('PACK_IMPORT_FAILED');
    expect(error?.message).toContain(`found at ${file}, but importing it failed:`);
    expect(error?.message).toContain('no-such-package-for-mcp-panther');
  });
});
