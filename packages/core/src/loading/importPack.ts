import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { PackDefinition } from '../define/types.js';
import { McpHostError } from '../errors.js';
import { checkPackCompatibility, findPack } from './checkPack.js';
import { CORE_VERSION } from './coreVersion.js';
import { isHostModuleUrl, PACK_PEERS, registerModuleHooks } from './hostModules.js';

/** Whether a module file can resolve its peers (core and zod) itself; then it needs no module hooks. */
function resolvesHostModules(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  const require = createRequire(fileURLToPath(url));
  return PACK_PEERS.every((name) => {
    try {
      require.resolve(name);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Imports a resolved pack module and checks what it exports. A pack that cannot resolve `@mcp-panther/core` or
 * `zod` from where it is installed (a third-party pack installed on its own) is imported with the module hooks in
 * place, which give it the host's copies. A module that is there but fails to import is PACK_IMPORT_FAILED, with
 * the import's own error.
 */
export async function importPack(url: string, coreVersion: string = CORE_VERSION): Promise<PackDefinition> {
  if (!isHostModuleUrl(url) && !resolvesHostModules(url)) registerModuleHooks();
  let namespace: unknown;
  try {
    namespace = await import(url);
  } catch (error) {
    const where = url.startsWith('file:') ? fileURLToPath(url) : url;
    throw new McpHostError(
      'PACK_IMPORT_FAILED',
      `found at ${where}, but importing it failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return checkPackCompatibility(findPack(namespace), coreVersion);
}
