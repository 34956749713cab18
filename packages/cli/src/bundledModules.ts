import { existsSync } from 'node:fs';
import { provideHostModules } from '@mcp-panther/core';
import table from './bundledModules.json' with { type: 'json' };

/**
 * What the published command's bundle holds besides its entries, one file each beside them (scripts/bundle.mjs
 * builds them from bundledModules.json): the host's own core, zod and pack kit (`mcp-panther/pack`), handed to
 * packs that cannot resolve their own, and the four first-party packs, which configs name by package name.
 */
export const BUNDLED_MODULES: Readonly<
  Record<string, { readonly file: string; readonly defaultExport: boolean; readonly entry?: string }>
> = table;

/**
 * Tells core about the bundle's modules. Run from the TypeScript build (dist/, in this repository) there are none
 * beside it, and packs resolve from node_modules as usual.
 */
export function provideBundledModules(): void {
  const files = Object.entries(BUNDLED_MODULES).map(
    ([name, { file }]) => [name, new URL(`./${file}`, import.meta.url)] as const,
  );
  if (!files.every(([, url]) => existsSync(url))) return;
  provideHostModules(Object.fromEntries(files.map(([name, url]) => [name, url.href])));
}
