import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingNotices, thirdPartyPackages } from '../../views/src/testdata/bundledPackages.js';

// The built command (`pnpm run build`): every npm package in the bundle's list of the files it holds (esbuild's
// inputs, and the module files inlined into the MCP Apps views it bundles) has its name, version and licence text
// in bundle/THIRD-PARTY-NOTICES.md, which the package ships.

const cliDir = fileURLToPath(new URL('..', import.meta.url));

describe('the bundle’s third-party notices', () => {
  it('name every npm package the bundle holds, the views’ included, with its licence text', () => {
    const files = (
      JSON.parse(readFileSync(path.join(cliDir, 'dist', 'bundled-files.json'), 'utf8')) as string[]
    ).map((file) => path.resolve(cliDir, file));
    expect(files.filter((file) => !existsSync(file))).toEqual([]);
    // The views' own modules are in the list: what they inline counts as the bundle's.
    expect(files.filter((file) => /[\\/]views[\\/]web[\\/]\w+[\\/]main\.ts$/.test(file)).length).toBe(4);
    const packages = thirdPartyPackages(files);
    expect(packages.length).toBeGreaterThan(0);
    const notices = readFileSync(path.join(cliDir, 'bundle', 'THIRD-PARTY-NOTICES.md'), 'utf8');
    expect(missingNotices(notices, packages)).toEqual([]);
  });
});
