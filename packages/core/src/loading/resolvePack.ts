import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { McpHostError } from '../errors.js';
import { hostModule } from './hostModules.js';

/** True when the specifier names a file or folder rather than an npm package. */
export function isPathSpecifier(specifier: string): boolean {
  return (
    specifier.startsWith('./') ||
    specifier.startsWith('../') ||
    specifier === '.' ||
    specifier.startsWith('file:') ||
    path.isAbsolute(specifier)
  );
}

function splitPackageName(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, count).join('/');
  const rest = parts.slice(count).join('/');
  return { name, subpath: rest ? `./${rest}` : '.' };
}

type Exports = string | null | { [key: string]: Exports } | Exports[];

function pickExport(exports: Exports, conditions: readonly string[]): string | undefined {
  if (typeof exports === 'string') return exports;
  if (exports === null) return undefined;
  if (Array.isArray(exports)) {
    for (const entry of exports) {
      const found = pickExport(entry, conditions);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, value] of Object.entries(exports)) {
    if (conditions.includes(key)) {
      const found = pickExport(value, conditions);
      if (found) return found;
    }
  }
  return undefined;
}

/** The ESM entry of a package folder: `exports` (import/node/default), else `main`, else index.js. */
function packageEntry(dir: string, subpath: string): string | undefined {
  const manifestPath = path.join(dir, 'package.json');
  if (!existsSync(manifestPath))
    return subpath === '.' && existsSync(path.join(dir, 'index.js')) ? path.join(dir, 'index.js') : undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Exports; main?: string };
  const conditions = ['import', 'node', 'default'];
  if (manifest.exports !== undefined) {
    const exp = manifest.exports;
    const isMap =
      typeof exp === 'object' &&
      exp !== null &&
      !Array.isArray(exp) &&
      Object.keys(exp).some((k) => k.startsWith('.'));
    const target = isMap ? (exp as Record<string, Exports>)[subpath] : subpath === '.' ? exp : undefined;
    const file = target === undefined ? undefined : pickExport(target, conditions);
    return file ? path.join(dir, file) : undefined;
  }
  if (subpath !== '.') return path.join(dir, subpath);
  return path.join(dir, manifest.main ?? 'index.js');
}

/** Finds `node_modules/<name>` walking up from `base`, as Node does. */
function findPackageDir(name: string, base: string): string | undefined {
  let dir = path.resolve(base);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function resolveFromBase(specifier: string, base: string): string | undefined {
  try {
    return createRequire(path.join(base, 'noop.js')).resolve(specifier);
  } catch {
    // ESM-only packages (exports with only "import") are not visible to require: look them up by hand.
    const { name, subpath } = splitPackageName(specifier);
    const dir = findPackageDir(name, base);
    return dir ? packageEntry(dir, subpath) : undefined;
  }
}

/**
 * Turns a pack specifier from the config into a file URL to import. A package name is resolved from the first
 * base folder (the config file's), then from the modules the host provides (a bundled host's own packs), then
 * from each further base in order (the CLI's, then core's own); a path is resolved from the first base (a folder
 * path means its package entry).
 */
export function resolvePack(specifier: string, bases: readonly string[]): string {
  if (isPathSpecifier(specifier)) {
    const first = bases[0] ?? process.cwd();
    const target = specifier.startsWith('file:')
      ? new URL(specifier).pathname
      : path.resolve(first, specifier);
    const file = existsSync(target) && statSync(target).isDirectory() ? packageEntry(target, '.') : target;
    if (!file || !existsSync(file)) {
      throw new McpHostError('PACK_NOT_FOUND', `no file at ${target}`);
    }
    return pathToFileURL(file).href;
  }
  const [first, ...rest] = bases;
  const fromFirst = first === undefined ? undefined : resolveFromBase(specifier, first);
  if (fromFirst && existsSync(fromFirst)) return pathToFileURL(fromFirst).href;
  // Installed next to the config, a pack wins over the host's copy; otherwise the host's own comes first.
  const provided = hostModule(specifier);
  if (provided !== undefined) return provided;
  for (const base of rest) {
    const file = resolveFromBase(specifier, base);
    if (file && existsSync(file)) return pathToFileURL(file).href;
  }
  throw new McpHostError(
    'PACK_NOT_FOUND',
    `cannot find package "${specifier}" from ${bases.join(' or ')}; install it next to the config file (npm install ${specifier})`,
  );
}
