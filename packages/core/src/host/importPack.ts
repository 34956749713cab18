import type { PackDefinition } from '../define/types.js';
import { McpHostError } from '../errors.js';
import { checkPackCompatibility, findPack } from './checkPack.js';
import { CORE_VERSION } from './coreVersion.js';

/** Imports a resolved pack module and checks what it exports. */
export async function importPack(url: string, coreVersion: string = CORE_VERSION): Promise<PackDefinition> {
  let namespace: unknown;
  try {
    namespace = await import(url);
  } catch (error) {
    throw new McpHostError('PACK_NOT_FOUND', `importing ${url} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return checkPackCompatibility(findPack(namespace), coreVersion);
}
