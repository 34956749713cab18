import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('../', import.meta.url));

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** The code without its comments (a comment may say what a seam is for). */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe("core's boundaries", () => {
  it('depends on no optional backend: Redis arrives as a section and a part from outside', async () => {
    const manifest = JSON.parse(await readFile(path.join(CORE, 'package.json'), 'utf8'));
    const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
    expect(dependencies.filter((name) => /redis/i.test(name))).toEqual([]);
    const naming = [];
    for (const file of await sources(path.join(CORE, 'src'))) {
      if (/redis/i.test(withoutComments(await readFile(file, 'utf8'))))
        naming.push(path.relative(CORE, file));
    }
    expect(naming).toEqual([]);
  });

  it('names transports in its registry only: no host or command code tests a transport name', async () => {
    const packages = path.join(CORE, '..');
    const TESTS_A_NAME =
      /[!=]==\s*['"](stdio|streamable-http|http)['"]|['"](stdio|streamable-http|http)['"]\s*[!=]==/;
    const testing = [];
    for (const name of ['core', 'cli', 'telemetry']) {
      for (const file of await sources(path.join(packages, name, 'src'))) {
        if (file.includes(`${path.sep}testdata${path.sep}`)) continue;
        if (TESTS_A_NAME.test(withoutComments(await readFile(file, 'utf8')))) {
          testing.push(path.relative(packages, file));
        }
      }
    }
    expect(testing).toEqual([]);
  });

  it('the view entry runs in a browser: it and what it imports use no Node API and no package', async () => {
    const seen = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = withoutComments(await readFile(file, 'utf8'));
      for (const [, specifier] of code.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        expect(specifier, `${path.relative(CORE, file)} imports ${specifier}`).toMatch(/^\.\.?\//);
        await visit(path.resolve(path.dirname(file), specifier!.replace(/\.js$/, '.ts')));
      }
      expect(code, path.relative(CORE, file)).not.toMatch(/\b(process|Buffer|require)\b/);
    };
    await visit(path.join(CORE, 'src', 'view.ts'));
    expect([...seen].map((f) => path.relative(CORE, f)).sort()).toEqual([
      'src/untrusted/hiddenText.ts',
      'src/view.ts',
    ]);
  });
});
