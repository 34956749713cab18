/**
 * Node module hooks, registered by `registerModuleHooks` (hostModules.ts) with `module.register`; they run on
 * Node's hooks thread, so this file imports nothing from the rest of core.
 *
 * - resolve: a bare name the importer cannot resolve (`@mcp-panther/core`, `zod`, …) falls back to the host's own
 *   module, so a pack installed beside a config file, with nothing but itself in its folder, still loads.
 *   A module the importer can resolve is left alone: a pack that brought its own core keeps it.
 * - load: a `.ts`/`.mts` file outside node_modules is loaded as an ES module with its types stripped (sucrase,
 *   imported on first use), so a `mcp-panther.config.ts` needs no TypeScript installed and works on every Node
 *   version the host supports.
 */
import { readFile } from 'node:fs/promises';
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';
import { fileURLToPath } from 'node:url';

let modules: Readonly<Record<string, string>> = {};

export const initialize: InitializeHook<{ modules: Record<string, string> }> = (data) => {
  modules = data.modules;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fallback = Object.hasOwn(modules, specifier) ? modules[specifier] : undefined;
    if (fallback === undefined || (error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND')
      throw error;
    return { url: fallback, shortCircuit: true };
  }
};

const TYPESCRIPT_FILE = /\.m?ts$/;

function isOwnTypeScript(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  const { pathname } = new URL(url);
  return TYPESCRIPT_FILE.test(pathname) && !pathname.includes('/node_modules/');
}

type StripTypes = (source: string, filePath: string) => string;
let stripTypes: StripTypes | undefined;

async function typeStripper(): Promise<StripTypes> {
  if (!stripTypes) {
    const { transform } = await import('sucrase');
    stripTypes = (source, filePath) =>
      transform(source, { transforms: ['typescript'], disableESTransforms: true, filePath }).code;
  }
  return stripTypes;
}

export const load: LoadHook = async (url, context, nextLoad) => {
  if (!isOwnTypeScript(url)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = await readFile(file, 'utf8');
  const strip = await typeStripper();
  return { format: 'module', source: strip(source, file), shortCircuit: true };
};
