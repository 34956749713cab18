import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));
const DI_FOLDER = path.join(PACKAGES, 'core', 'src', 'di');

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...(await sourceFiles(full)));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      out.push(full);
    }
  }
  return out;
}

async function allSources(): Promise<string[]> {
  const packages = await readdir(PACKAGES, { withFileTypes: true });
  const lists = await Promise.all(
    packages
      .filter((p) => p.isDirectory())
      .map((p) => sourceFiles(path.join(PACKAGES, p.name, 'src')).catch(() => [])),
  );
  return lists.flat();
}

// A decorator: `@name` or `@name(` at the start of a line (after indentation), before a class member or class.
const DECORATOR =
  /^\s*@[A-Za-z_$][\w$]*(\(|\s*$|\s+(export\s+)?(abstract\s+)?(class|async|get|set|static|public|private|protected|readonly|[A-Za-z_$][\w$]*\s*[(:]))/m;
const TSYRINGE_IMPORT =
  /from\s+['"]tsyringe['"]|import\(\s*['"]tsyringe['"]\s*\)|require\(\s*['"]tsyringe['"]\s*\)/;

describe('dependency injection rules', () => {
  it('only core/src/di imports tsyringe', async () => {
    const files = await allSources();
    expect(files.length).toBeGreaterThan(20);
    const offenders = [];
    for (const file of files) {
      if (file.startsWith(DI_FOLDER + path.sep)) continue;
      if (TSYRINGE_IMPORT.test(await readFile(file, 'utf8'))) offenders.push(path.relative(PACKAGES, file));
    }
    expect(offenders).toEqual([]);
  });

  it('no source file uses decorators', async () => {
    const offenders = [];
    for (const file of await allSources()) {
      const text = (await readFile(file, 'utf8'))
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      if (DECORATOR.test(text)) offenders.push(path.relative(PACKAGES, file));
    }
    expect(offenders).toEqual([]);
  });

  it('the decorator pattern catches decorators', () => {
    expect(DECORATOR.test('class A {\n  @inject(Token) x: number;\n}')).toBe(true);
    expect(DECORATOR.test('@injectable()\nexport class A {}')).toBe(true);
    expect(DECORATOR.test("const scope = '@mcp-panther/core';\n")).toBe(false);
  });
});
