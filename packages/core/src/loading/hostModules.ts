import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Modules the host provides by bare name, as file URLs. By default: its own `@mcp-panther/core` and `zod`, so
 * that a pack (or a config file) installed where it cannot resolve them still loads, on the host's copy. A bundled
 * host adds what its bundle holds (the first-party packs, its own name) with `provideHostModules`.
 */
const provided = new Map<string, string>();

/** What packs import from the host (their peer dependencies): core provides these from its own install. */
export const PACK_PEERS = ['@mcp-panther/core', 'zod'] as const;

/** Adds (or replaces) modules the host provides; call before the first pack or config is loaded. */
export function provideHostModules(modules: Readonly<Record<string, string>>): void {
  for (const [name, url] of Object.entries(modules)) provided.set(name, url);
}

function ownModule(name: string): string | undefined {
  try {
    // Core resolving itself by name (package self-reference) gives its built entry, as a pack would import it.
    return import.meta.resolve(name);
  } catch {
    return undefined;
  }
}

/** The URL the host provides for a bare module name, if any. */
export function hostModule(name: string): string | undefined {
  const given = provided.get(name);
  if (given !== undefined) return given;
  if (!(PACK_PEERS as readonly string[]).includes(name)) return undefined;
  const own = ownModule(name);
  if (own !== undefined) provided.set(name, own);
  return own;
}

/** Every module the host provides, by name. */
export function hostModules(): Record<string, string> {
  const all: Record<string, string> = {};
  for (const name of PACK_PEERS) {
    const url = hostModule(name);
    if (url !== undefined) all[name] = url;
  }
  for (const [name, url] of provided) all[name] = url;
  return all;
}

/** True when a URL is one of the host's own modules (nothing to provide to it). */
export function isHostModuleUrl(url: string): boolean {
  return [...provided.values()].includes(url);
}

let hooksRegistered = false;

/**
 * Registers the module hooks (moduleHooks.ts) once per process: bare names the importer cannot resolve fall back
 * to the host's modules, and TypeScript files (a `mcp-panther.config.ts`) are loaded with their types stripped.
 * Registered only when a third-party pack or a TypeScript config is loaded: hooks cost every later import a
 * round trip to the hooks thread. The table is handed over at registration.
 */
export function registerModuleHooks(): void {
  if (hooksRegistered) return;
  const hooks = new URL('./moduleHooks.js', import.meta.url);
  // Run from TypeScript sources (a test runner), the hooks file is not built and the runner loads TypeScript itself.
  if (!existsSync(fileURLToPath(hooks))) return;
  hooksRegistered = true;
  register(hooks, { data: { modules: hostModules() } });
}
