/**
 * Fidelity: every REST route the sandbox serves exists in Panther's published OpenAPI spec
 * (../shared/panther-api/panther-rest-openapi-v3.yaml) with the same method, when that file is beside the repo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SandboxContext } from '../context.js';
import { restRoutes } from './index.js';

const specPath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/panther-api/panther-rest-openapi-v3.yaml',
);
const present = existsSync(specPath);
if (!present)
  console.warn(`REST spec fidelity test skipped: ${specPath} not found (Panther's published OpenAPI spec)`);

/** `METHOD /path/{}` for every operation under `paths:` (parameter names normalised away). */
function specOperations(yaml: string): Set<string> {
  const operations = new Set<string>();
  let inPaths = false;
  let path: string | undefined;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
    if (!inPaths) continue;
    const pathMatch = /^ {2}(\/\S*):\s*$/.exec(line);
    if (pathMatch?.[1]) {
      path = pathMatch[1].replace(/\{[^}]+\}/g, '{}');
      continue;
    }
    const methodMatch = /^ {4}(get|post|put|patch|delete):\s*$/.exec(line);
    if (methodMatch?.[1] && path) operations.add(`${methodMatch[1].toUpperCase()} ${path}`);
  }
  return operations;
}

/** A literal segment may stand for a spec parameter (`/api-tokens/self` is `/api-tokens/{id}` with id `self`). */
function inSpec(spec: ReadonlySet<string>, operation: string): boolean {
  if (spec.has(operation)) return true;
  const [method, path = ''] = operation.split(' ');
  const segments = path.split('/');
  return segments.some(
    (segment, i) =>
      segment !== '' &&
      segment !== '{}' &&
      spec.has(`${method} ${segments.map((s, j) => (j === i ? '{}' : s)).join('/')}`),
  );
}

describe('sandbox REST routes', () => {
  it.skipIf(!present)('all exist in the published OpenAPI spec with the same method', () => {
    const spec = specOperations(readFileSync(specPath, 'utf8'));
    expect(spec.size).toBeGreaterThan(40);
    // Handlers are not called: building the table does not touch the context.
    const routes = restRoutes({} as SandboxContext).map(
      (route) => `${route.method} ${route.path.replace(/\{[^}]+\}/g, '{}')}`,
    );
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => !inSpec(spec, route))).toEqual([]);
    // The check itself catches a route the spec lacks.
    expect(inSpec(spec, 'GET /alerts/{}/not-in-spec')).toBe(false);
  });
});
