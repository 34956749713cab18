import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  type Manifest,
  publicPackages,
  WORKSPACE_ROOT,
  workspacePackages,
} from './testdata/workspacePackages.js';

// The publishing metadata of every package, as the release needs it. What the tarballs really hold is checked by
// the install test, which packs them.

const root = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as Manifest;

/** `exports` without the workspace-only "source" condition (TypeScript sources, which are not published). */
const withoutSource = (exports: unknown): unknown =>
  typeof exports === 'object' && exports !== null
    ? Object.fromEntries(
        Object.entries(exports)
          .filter(([key]) => key !== 'source')
          .map(([key, value]) => [key, withoutSource(value)]),
      )
    : exports;

describe('package manifests', () => {
  it('publish the command, core, client, sandbox and the four first-party packs; benches, suites and examples stay private', () => {
    expect(publicPackages().map((p) => p.manifest.name)).toEqual(
      expect.arrayContaining([
        'mcp-panther',
        '@mcp-panther/core',
        '@mcp-panther/client',
        '@mcp-panther/sandbox',
        '@mcp-panther/pack-alerts',
        '@mcp-panther/pack-datalake',
        '@mcp-panther/pack-detections',
        '@mcp-panther/pack-admin',
      ]),
    );
    const privateOnes = workspacePackages().filter((p) => p.manifest.private === true);
    expect(privateOnes.map((p) => p.folder)).toEqual(
      expect.arrayContaining(['examples/third-party-pack', 'packages/bench', 'packages/conformance']),
    );
  });

  for (const { folder, dir, manifest } of publicPackages()) {
    it(`${manifest.name}: licence, engines, repository, public access, a README, exports without sources`, () => {
      expect(manifest.license).toBe('Apache-2.0');
      expect(manifest.engines?.node).toBe('>=20.19');
      expect(manifest.repository).toEqual({ type: 'git', url: root.repository?.url, directory: folder });
      expect(manifest.publishConfig?.access).toBe('public');
      expect(manifest.publishConfig?.exports).toEqual(withoutSource(manifest.exports));
      expect(existsSync(path.join(dir, 'README.md'))).toBe(true);
      expect(manifest.files).not.toContain('src');
    });
  }

  it('packs take @mcp-panther/core and zod as optional peers (the host provides both)', () => {
    const packs = workspacePackages().filter((p) => p.manifest.keywords?.includes('mcp-panther-pack'));
    expect(packs.length).toBe(5);
    for (const { manifest } of packs) {
      expect(Object.keys(manifest.peerDependencies ?? {}).sort(), manifest.name).toEqual([
        '@mcp-panther/core',
        'zod',
      ]);
      expect(manifest.peerDependenciesMeta, manifest.name).toEqual({
        '@mcp-panther/core': { optional: true },
        zod: { optional: true },
      });
      expect(Object.keys(manifest.dependencies ?? {}), manifest.name).not.toContain('@mcp-panther/core');
    }
  });

  it('the command depends on nothing but what cannot be bundled, and zod for the pack kit’s types', () => {
    // DuckDB is native code; zod's declarations are what `mcp-panther/pack`'s `z` and schemas are typed with.
    const cli = workspacePackages().find((p) => p.manifest.name === 'mcp-panther');
    expect(Object.keys(cli?.manifest.dependencies ?? {})).toEqual(['@duckdb/node-api', 'zod']);
  });

  it('every dependency accepts Node 20.19', () => {
    const refused: string[] = [];
    for (const { dir, manifest } of workspacePackages()) {
      for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
        const file = path.join(dir, 'node_modules', name, 'package.json');
        if (!existsSync(file)) continue;
        const dependency = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
        const range = dependency.engines?.node;
        if (range !== undefined && !semver.satisfies('20.19.0', range))
          refused.push(`${name} (node ${range})`);
      }
    }
    expect(refused).toEqual([]);
  });
});
