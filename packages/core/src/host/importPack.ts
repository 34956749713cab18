import { createRequire } from 'node:module';
import { PACK_API_VERSION, PACK_BRAND, type PackDefinition } from '../define/types.js';
import { McpHostError } from '../errors.js';
import { CORE_VERSION } from './coreVersion.js';

type Semver = typeof import('semver');
let semverModule: Semver | undefined;
/** semver (about 50 CommonJS files) is loaded only for a range the fast path below does not decide. */
const semver = (): Semver => {
  semverModule ??= createRequire(import.meta.url)('semver') as Semver;
  return semverModule;
};

const RELEASE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const CARET_RANGE = /^\^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * Whether a release version satisfies a plain caret range (`^0.1.0`, what packs declare), decided without
 * semver; undefined for anything else (prereleases, other range syntax), which semver decides.
 */
export function satisfiesCaret(version: string, range: string): boolean | undefined {
  const v = RELEASE.exec(version);
  const r = CARET_RANGE.exec(range.trim());
  if (!v || !r) return undefined;
  const [major, minor, patch] = [Number(v[1]), Number(v[2]), Number(v[3])];
  const [rMajor, rMinor, rPatch] = [Number(r[1]), Number(r[2]), Number(r[3])];
  const atLeast =
    major > rMajor || (major === rMajor && (minor > rMinor || (minor === rMinor && patch >= rPatch)));
  if (!atLeast) return false;
  // The caret allows changes that do not modify the left-most non-zero part.
  if (rMajor > 0) return major === rMajor;
  if (rMinor > 0) return major === 0 && minor === rMinor;
  return major === 0 && minor === 0 && patch === rPatch;
}

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
  const fast = typeof value.coreRange === 'string' ? satisfiesCaret(coreVersion, value.coreRange) : undefined;
  if (
    fast === undefined &&
    (typeof value.coreRange !== 'string' || semver().validRange(value.coreRange) === null)
  ) {
    throw new McpHostError(
      'PACK_INVALID',
      `coreRange ${JSON.stringify(value.coreRange)} is not a semver range`,
    );
  }
  if (!(fast ?? semver().satisfies(coreVersion, value.coreRange, { includePrerelease: true }))) {
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
