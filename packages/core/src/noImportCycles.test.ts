import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
// Static imports (type-only ones included). A module imported with import() loads on first use, after every
// static import has been evaluated: it is not part of the load-time graph.
const IMPORT = /from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Every circle of relative imports (type-only ones too) among the files, as `a -> b -> a`. */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const circles: string[] = [];
  const onPath: string[] = [];
  const done = new Set<string>();
  const visit = (file: string) => {
    onPath.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = onPath.indexOf(next);
      if (at >= 0) circles.push([...onPath.slice(at), next].join(' -> '));
      else if (!done.has(next)) visit(next);
    }
    onPath.pop();
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return circles;
}

describe('module structure', () => {
  it('no package has a circle of static imports, type-only imports included', async () => {
    const packages = await readdir(PACKAGES, { withFileTypes: true });
    const files = (
      await Promise.all(
        packages.filter((p) => p.isDirectory()).map((p) => sourceFiles(path.join(PACKAGES, p.name, 'src'))),
      )
    ).flat();
    expect(files.length).toBeGreaterThan(100);
    const known = new Set(files);
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const targets = [...text.matchAll(IMPORT)].map((m) =>
        path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')),
      );
      graph.set(
        path.relative(PACKAGES, file),
        targets.filter((t) => known.has(t)).map((t) => path.relative(PACKAGES, t)),
      );
    }
    expect(importCircles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCircles(graph)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
  });
});
