import semver from 'semver';
import { PACK_API_VERSION, PACK_BRAND, type PackDefinition } from '../define/types.js';
import { McpHostError } from '../errors.js';
import { CORE_VERSION } from './coreVersion.js';

function isPack(value: unknown): value is PackDefinition {
  return typeof value === 'object' && value !== null && (value as { $$type?: unknown }).$$type === PACK_BRAND;
}

/** The pack in a module: its default export (unwrapped up to twice, for CJS interop), else its only pack export. */
export function findPack(namespace: unknown): unknown {
  let value: unknown = namespace;
  for (let i = 0; i < 3 && !isPack(value); i++) {
    if (typeof value !== 'object' || value === null || !('default' in value)) break;
    value = (value as { default: unknown }).default;
  }
  if (isPack(value)) return value;
  if (typeof namespace === 'object' && namespace !== null) {
    const packs = Object.values(namespace).filter(isPack);
    if (packs.length === 1) return packs[0];
  }
  return value;
}

/** Checks the brand, the pack API version and the pack's core range against the running core. */
export function checkPackCompatibility(value: unknown, coreVersion: string = CORE_VERSION): PackDefinition {
  if (!isPack(value)) {
    throw new McpHostError(
      'PACK_INVALID',
      'the module does not export a pack made by definePack (as its default export)',
    );
  }
  if (value.apiVersion !== PACK_API_VERSION) {
    throw new McpHostError(
      'PACK_API_MISMATCH',
      `it targets pack API version ${String(value.apiVersion)}; this core supports version ${PACK_API_VERSION}`,
    );
  }
  if (typeof value.coreRange !== 'string' || semver.validRange(value.coreRange) === null) {
    throw new McpHostError(
      'PACK_INVALID',
      `coreRange ${JSON.stringify(value.coreRange)} is not a semver range`,
    );
  }
  if (!semver.satisfies(coreVersion, value.coreRange, { includePrerelease: true })) {
    throw new McpHostError(
      'PACK_API_MISMATCH',
      `it needs @mcp-panther/core ${value.coreRange}; this is @mcp-panther/core ${coreVersion}`,
    );
  }
  return value;
}

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
