/**
 * The permission list against Panther's published API (in ../shared/panther-api beside the repository, when it
 * is there), and proof that it is the only list: no other source file spells the names out again.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PANTHER_PERMISSIONS } from './permissions.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const apiDir = resolve(repoRoot, '../shared/panther-api');
const published = existsSync(resolve(apiDir, 'panther-rest-openapi-v3.yaml'));
if (!published) console.warn(`permission check against Panther's API skipped: ${apiDir} not found`);

/** Every `enum:` list of the OpenAPI file that names permissions (token and role schemas). */
function restPermissionEnums(): string[][] {
  const yaml = readFileSync(resolve(apiDir, 'panther-rest-openapi-v3.yaml'), 'utf8');
  return [...yaml.matchAll(/enum:\n((?:[ \t]+- \w+\n)+)/g)]
    .map((match) => [...(match[1] ?? '').matchAll(/- (\w+)/g)].map((item) => item[1] ?? ''))
    .filter((values) => values.includes('AlertRead'));
}

function graphqlPermissionEnum(): string[] {
  const sdl = readFileSync(resolve(apiDir, 'panther.graphql'), 'utf8');
  const body = /enum Permission \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
  return body.split(/\s+/).filter(Boolean);
}

/** Source files of the workspace (tests and build output left out). */
const BUILT = ['node_modules', 'dist', 'bundle'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // Built output (dist, the command's bundle with its inlined types) is not a copy anyone maintains.
    if (entry.isDirectory()) return BUILT.includes(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('PANTHER_PERMISSIONS', () => {
  it('has each name once, sorted', () => {
    expect(new Set(PANTHER_PERMISSIONS).size).toBe(PANTHER_PERMISSIONS.length);
    expect([...PANTHER_PERMISSIONS].sort()).toEqual([...PANTHER_PERMISSIONS]);
  });

  it.skipIf(!published)("is the permission enum of every token and role schema of Panther's REST API", () => {
    const enums = restPermissionEnums();
    expect(enums.length).toBeGreaterThan(0);
    for (const values of enums) expect(values).toEqual([...PANTHER_PERMISSIONS]);
  });

  it.skipIf(!published)("is GraphQL's Permission enum plus BulkUploadValidate, which only REST has", () => {
    const graphql = graphqlPermissionEnum();
    expect(PANTHER_PERMISSIONS.filter((p) => !graphql.includes(p))).toEqual(['BulkUploadValidate']);
    expect(graphql.filter((p) => !(PANTHER_PERMISSIONS as readonly string[]).includes(p))).toEqual([]);
  });

  it('is the only list: no other source file names (nearly) all of them, as a copy would, even a drifted one', () => {
    // Subsets are fine (a token's or a role's permissions); a file quoting more than four fifths is a copy.
    const copyAt = Math.ceil(PANTHER_PERMISSIONS.length * 0.8);
    const copies = ['packages', 'examples']
      .flatMap((dir) => sourceFiles(resolve(repoRoot, dir)))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        const named = PANTHER_PERMISSIONS.filter((name) => new RegExp(`['"\`]${name}['"\`]`).test(text));
        return named.length >= copyAt;
      })
      .map((file) => relative(repoRoot, file));
    expect(copies).toEqual(['packages/client/src/permissions.ts']);
  });
});
