import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicPackages, WORKSPACE_ROOT, workspacePackages } from './testdata/workspacePackages.js';

// The command bundles core, client, the sandbox, the first-party packs, the Redis parts and telemetry: a change to
// them reaches its users only in a new `mcp-panther`, so every changeset that releases one of them releases the
// command too.

/** What the command bundles: the public workspace packages it builds from (its dev dependencies). */
const publicNames = new Set(publicPackages().map((p) => p.manifest.name));
const BUNDLED = Object.keys(
  workspacePackages().find((p) => p.manifest.name === 'mcp-panther')?.manifest.devDependencies ?? {},
).filter((name) => publicNames.has(name));

/** The packages a changeset file releases (its front matter: `'name': bump` lines). */
function releasedPackages(text: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return [...front.matchAll(/^\s*['"]?([^'":\s]+)['"]?\s*:\s*(major|minor|patch)\s*$/gm)].map((m) => m[1]!);
}

describe('changesets', () => {
  const dir = path.join(WORKSPACE_ROOT, '.changeset');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');

  it('knows what the command bundles', () => {
    expect(BUNDLED.sort()).toEqual([
      '@mcp-panther/client',
      '@mcp-panther/core',
      '@mcp-panther/pack-admin',
      '@mcp-panther/pack-alerts',
      '@mcp-panther/pack-datalake',
      '@mcp-panther/pack-detections',
      '@mcp-panther/redis',
      '@mcp-panther/sandbox',
      '@mcp-panther/telemetry',
      '@mcp-panther/views',
    ]);
  });

  it('reads the packages a changeset releases', () => {
    expect(
      releasedPackages('---\n\'mcp-panther\': patch\n"@mcp-panther/core": minor\n---\n\nText.\n'),
    ).toEqual(['mcp-panther', '@mcp-panther/core']);
  });

  for (const file of files) {
    it(`${file} releases mcp-panther whenever it releases what the command bundles`, () => {
      const released = releasedPackages(readFileSync(path.join(dir, file), 'utf8'));
      expect(released.length, 'a changeset names at least one package').toBeGreaterThan(0);
      if (released.some((name) => BUNDLED.includes(name))) expect(released).toContain('mcp-panther');
    });
  }
});
