import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePack, defineResourceTemplate } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { isMcpHostError, McpHostError } from '../errors.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { otherPack, thingsPack } from '../testdata/packs.js';
import { createFakeClient } from '../testing/fakeClient.js';
import type { PackSource } from '../types.js';
import { findPack } from './checkPack.js';
import { importPack } from './importPack.js';
import { loadPacks } from './loadPacks.js';
import { resolvePack } from './resolvePack.js';

let dir: string;
const packModule = (id: string, extra = '') =>
  `export default { $$type: '@mcp-panther/core/ToolPack', apiVersion: 1, id: '${id}', title: '${id}', coreRange: '>=0.0.1', tools: [] ${extra} };\n`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-packs-'));
  const esmOnly = path.join(dir, 'node_modules', '@acme', 'pack-esm');
  await mkdir(esmOnly, { recursive: true });
  await writeFile(
    path.join(esmOnly, 'package.json'),
    JSON.stringify({ name: '@acme/pack-esm', type: 'module', exports: { '.': { import: './index.mjs' } } }),
  );
  await writeFile(path.join(esmOnly, 'index.mjs'), packModule('acme-esm'));
  await writeFile(path.join(dir, 'local-pack.mjs'), packModule('local'));
  await writeFile(
    path.join(dir, 'cjs-style.mjs'),
    `export default { default: (${packModule('cjs').slice(15, -2)}) };\n`,
  );
  await writeFile(path.join(dir, 'not-a-pack.mjs'), 'export default { id: "nope", tools: [] };\n');
  await writeFile(
    path.join(dir, 'future.mjs'),
    packModule('future').replace("coreRange: '>=0.0.1'", "coreRange: '^9.0.0'"),
  );
  await writeFile(path.join(dir, 'api2.mjs'), packModule('api2').replace('apiVersion: 1', 'apiVersion: 2'));
  await writeFile(path.join(dir, 'throws.mjs'), 'throw new Error("pack module exploded");\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const logger = () => {
  const sink = memorySink();
  return { sink, logger: createLogger({ level: 'debug', format: 'json', sink }) };
};

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

const source = (pack: unknown, more: Partial<PackSource> = {}): PackSource => ({
  specifier: (pack as { id: string }).id,
  enabled: true,
  optional: false,
  config: undefined,
  pack,
  ...more,
});

describe('resolvePack and importPack', () => {
  it('resolves an ESM-only package by name from the first base that has it', async () => {
    const url = resolvePack('@acme/pack-esm', [path.join(dir, 'elsewhere'), dir]);
    expect(url).toBe(pathToFileURL(path.join(dir, 'node_modules/@acme/pack-esm/index.mjs')).href);
    expect((await importPack(url)).id).toBe('acme-esm');
  });

  it('resolves a path relative to the config folder, and says what is missing', () => {
    expect(resolvePack('./local-pack.mjs', [dir])).toBe(pathToFileURL(path.join(dir, 'local-pack.mjs')).href);
    expect(() => resolvePack('@acme/missing', [dir])).toThrow(/cannot find package "@acme\/missing" from/);
    expect(() => resolvePack('./missing.mjs', [dir])).toThrow(`no file at ${path.join(dir, 'missing.mjs')}`);
  });

  it('unwraps default twice and falls back to the only pack export', () => {
    const pack = { $$type: '@mcp-panther/core/ToolPack' };
    expect(findPack({ default: { default: pack } })).toBe(pack);
    expect(findPack({ alertsPack: pack, other: 1 })).toBe(pack);
  });

  it('checks the brand, the API version and the core range', async () => {
    const url = (f: string) => pathToFileURL(path.join(dir, f)).href;
    expect((await importPack(url('cjs-style.mjs'))).id).toBe('cjs');
    expect((await failure(importPack(url('not-a-pack.mjs')))).code).toBe('PACK_INVALID');
    const future = await failure(importPack(url('future.mjs')));
    expect(future.code).toBe('PACK_API_MISMATCH');
    expect(future.message).toMatch(/needs @mcp-panther\/core \^9\.0\.0; this is @mcp-panther\/core \d/);
    expect((await failure(importPack(url('api2.mjs')))).message).toContain('pack API version 2');
    expect((await failure(importPack(url('throws.mjs')))).message).toContain('pack module exploded');
  });
});

describe('loadPacks', () => {
  it('loads packs by name and path in config order and parses each pack config', async () => {
    const { logger: log } = logger();
    const packs = await loadPacks(
      [
        { specifier: './local-pack.mjs', enabled: true, optional: false, config: undefined },
        { specifier: '@acme/pack-esm', enabled: false, optional: false, config: undefined },
        source(thingsPack, { config: { pageSize: 5 } }),
      ],
      { bases: [dir], logger: log },
    );
    expect(packs.map((p) => [p.pack.id, p.enabled, p.config])).toEqual([
      ['local', true, undefined],
      ['acme-esm', false, undefined],
      ['things', true, { pageSize: 5 }],
    ]);
  });

  it('collects every failure into one error naming each pack', async () => {
    const { logger: log } = logger();
    const error = await failure(
      loadPacks(
        [
          { specifier: '@acme/missing', enabled: true, optional: false, config: undefined },
          { specifier: './future.mjs', enabled: true, optional: false, config: undefined },
          source(thingsPack, { config: { pageSize: 500 } }),
          source(definePack({ ...otherPack, id: 'things' })),
        ],
        { bases: [dir], logger: log },
      ),
    );
    expect(isMcpHostError(error)).toBe(true);
    expect(error.message).toContain('3 packs failed to load (mark a pack optional to skip it on failure):');
    expect(error.message).toContain('  - @acme/missing: cannot find package "@acme/missing"');
    expect(error.message).toContain('  - ./future.mjs: it needs @mcp-panther/core ^9.0.0');
    expect(error.message).toContain('  - pack "things": config.pageSize: must be <= 100 (got 500)');
    // The first `things` failed, so the second one is not a duplicate: it passes.
    expect(error.message).not.toContain('already used');
  });

  it('rejects duplicate pack ids and tool names across packs, blaming the later pack', async () => {
    const copy = definePack({ ...otherPack, id: 'copy' });
    const error = await failure(
      loadPacks([source(otherPack), source(copy), source(otherPack)], {
        bases: [dir],
        logger: logger().logger,
      }),
    );
    expect(error.code).toBe('DUPLICATE_TOOL');
    expect(error.message).toContain('pack "copy": tool "get_other" is already registered by pack "other"');
    expect(error.message).toContain('  - pack "other":\n      - pack id "other"');
    expect(error.message).toContain('pack id "other" is already used by pack "other"');
  });

  it('rejects resource templates whose name or URI another pack already registered', async () => {
    const template = (name: string, uriTemplate: string) =>
      defineResourceTemplate({
        name,
        title: 'Other',
        description: 'The other.',
        uriTemplate,
        tool: 'get_other',
        toolArguments: () => ({}),
      });
    const first = definePack({ ...otherPack, resources: [template('other', 'panther://other/{id}')] });
    const second = definePack({
      ...otherPack,
      id: 'second',
      tools: [defineTool({ ...otherPack.tools[0]!, name: 'get_second' })],
      resources: [
        { ...template('other', 'panther://second/{id}'), tool: 'get_second' },
        { ...template('second', 'panther://other/{id}'), tool: 'get_second' },
      ],
    });
    const error = await failure(
      loadPacks([source(first), source(second)], { bases: [dir], logger: logger().logger }),
    );
    expect(error.code).toBe('DUPLICATE_TOOL');
    expect(error.message).toContain('resource template "other" is already registered by pack "other"');
    expect(error.message).toContain(
      'resource template panther://other/{id} is already registered by pack "other"',
    );
  });

  it('builds a pack with the connected client when the packs load, and checks it like any other', async () => {
    const { logger: log } = logger();
    const { client } = createFakeClient();
    const built: unknown[] = [];
    const source: PackSource = {
      specifier: 'fromConfig',
      enabled: true,
      optional: false,
      config: undefined,
      build: async (context) => {
        built.push(context.client);
        return definePack({ id: 'made', title: 'Made', coreRange: '>=0.0.1', tools: [] });
      },
    };
    const packs = await loadPacks([source], {
      bases: [dir],
      logger: log,
      buildContext: async () => ({ client, logger: log }),
    });
    expect(packs.map((p) => [p.pack.id, p.specifier])).toEqual([['made', 'fromConfig']]);
    expect(built).toEqual([client]);
  });

  it('names a pack that fails to build, and reports why Panther was not there instead of blaming the pack', async () => {
    const { logger: log } = logger();
    const { client } = createFakeClient();
    const broken: PackSource = {
      specifier: 'queryTools',
      enabled: true,
      optional: false,
      config: undefined,
      build: async () => {
        throw new McpHostError('CONFIG_INVALID', 'query tool "x": no such saved query');
      },
    };
    const error = await failure(
      loadPacks([broken], { bases: [dir], logger: log, buildContext: async () => ({ client, logger: log }) }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('  - queryTools: query tool "x": no such saved query');
    // The config cannot mark a pack the host builds optional: no hint to.
    expect(error.message).not.toContain('optional');
    const unreachable = new Error('Panther is unreachable');
    const noContext = await failure(
      loadPacks([broken], { bases: [dir], logger: log, buildContext: () => Promise.reject(unreachable) }),
    );
    expect(noContext).toBe(unreachable);
    expect((await failure(loadPacks([broken], { bases: [dir], logger: log }))).message).toContain(
      'queryTools: this pack is built by the host, which cannot build it here',
    );
  });

  it('skips optional packs that fail, with a warning, and reports missing requirements', async () => {
    const { logger: log, sink } = logger();
    const needy = definePack({ ...otherPack, id: 'needy', tools: [], requires: ['things'] });
    const packs = await loadPacks(
      [
        { specifier: './throws.mjs', enabled: true, optional: true, config: undefined },
        source(thingsPack, { optional: true, config: { pageSize: 'x' } }),
        source(otherPack),
        source(needy, { optional: true }),
      ],
      { bases: [dir], logger: log },
    );
    expect(packs.map((p) => p.pack.id)).toEqual(['other']);
    const warnings = sink.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'optional pack skipped');
    expect(warnings.map((w) => w.pack)).toEqual(['./throws.mjs', 'pack "things"', 'pack "needy"']);
    expect(warnings[2].problems).toEqual(['it requires pack "things", which is not loaded']);
    const error = await failure(loadPacks([source(needy)], { bases: [dir], logger: log }));
    expect(error.code).toBe('PACK_MISSING_DEPENDENCY');
  });

  it('checks every tool invariant at run time', async () => {
    const bad = {
      ...definePack({
        id: 'Bad_Pack',
        title: 'Bad',
        coreRange: '*',
        tools: [
          defineTool({
            name: 'listThings',
            title: 'x',
            description: '',
            access: 'read',
            permissions: ['AlertRaed' as 'AlertRead'],
            input: z.object({ a: z.string() }),
            handler: async () => ({}),
          }),
          {
            ...thingsPack.tools[0]!,
            annotations: { ...thingsPack.tools[0]!.annotations, readOnlyHint: true },
          },
          {
            ...thingsPack.tools[1]!,
            input: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]),
          },
        ],
      }),
    };
    const error = await failure(loadPacks([source(bad)], { bases: [dir], logger: logger().logger }));
    expect(error.code).toBe('PACK_INVALID');
    expect(error.message).toContain('pack "Bad_Pack":');
    for (const line of [
      'id must be kebab-case',
      'tool "listThings": name must be snake_case',
      'tool "listThings": description must be a non-empty string',
      'tool "listThings": unknown Panther permission "AlertRaed"',
      'tool "update_thing": annotations disagree with access/destructive/idempotent (readOnlyHint)',
      'tool "list_things": input must be a zod object schema',
    ]) {
      expect(error.message).toContain(line);
    }
  });
});
