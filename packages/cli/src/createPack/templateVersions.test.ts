import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_VERSION } from '@mcp-panther/core';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT, workspacePackages } from '../testdata/workspacePackages.js';
import { TEMPLATE_VERSIONS } from './templateVersions.js';

// A new pack is built and tested with what this repository builds and tests with.

const version = (folder: string): string =>
  workspacePackages().find((p) => p.folder === folder)?.manifest.version ?? '(missing)';
const rootDevDependency = (name: string): string | undefined =>
  (
    JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    }
  ).devDependencies[name];

describe('the versions a new pack names', () => {
  it('accept the running command and core', () => {
    expect(TEMPLATE_VERSIONS.host).toBe(`^${version('packages/cli')}`);
    expect(TEMPLATE_VERSIONS.core).toBe(`^${CORE_VERSION}`);
  });

  it('are the TypeScript and Vitest this repository uses', () => {
    expect(TEMPLATE_VERSIONS.typescript).toBe(rootDevDependency('typescript'));
    expect(TEMPLATE_VERSIONS.vitest).toBe(rootDevDependency('vitest'));
    expect(TEMPLATE_VERSIONS.typesNode).toBe(rootDevDependency('@types/node')?.replace(/\.\d+$/, '.0'));
  });

  it('build a view with the MCP Apps library and the bundler this repository builds its views with', () => {
    const devDependency = (folder: string, name: string) =>
      workspacePackages().find((p) => p.folder === folder)?.manifest.devDependencies?.[name];
    expect(TEMPLATE_VERSIONS.extApps).toBe(devDependency('packages/views', '@modelcontextprotocol/ext-apps'));
    expect(TEMPLATE_VERSIONS.extApps).toBe(
      devDependency('examples/third-party-pack', '@modelcontextprotocol/ext-apps'),
    );
    expect(TEMPLATE_VERSIONS.esbuild).toBe(devDependency('packages/cli', 'esbuild'));
  });
});
