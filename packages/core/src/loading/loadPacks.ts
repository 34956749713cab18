import type { PackEntry } from '../config/schema.js';
import type { Logger, PackDefinition } from '../define/types.js';
import { isMcpHostError } from '../errors.js';
import type { PackBuildContext, PackSource, ValidatedPack } from '../types.js';
import { importPack } from './importPack.js';
import { resolvePack } from './resolvePack.js';
import {
  assertNoPackFailures,
  checkGivenPack,
  handleFailure,
  type LoadedPack,
  type PackFailure,
  packLabel,
  skippable,
  validatePacks,
} from './validatePacks.js';

/** The config's `packs` entries as sources (`'name'` or `['name', { enabled, optional, config }]`). */
export function packSources(entries: readonly PackEntry[]): PackSource[] {
  return entries.map((entry) =>
    typeof entry === 'string'
      ? { specifier: entry, enabled: true, optional: false, config: undefined }
      : {
          specifier: entry[0],
          enabled: entry[1].enabled,
          optional: entry[1].optional,
          config: entry[1].config,
        },
  );
}

/** A pack given as an object (not imported by name), named by its id: enabled, with its default config. */
export function givenPackSource(
  pack: PackDefinition,
  options: { readonly enabled?: boolean; readonly config?: unknown } = {},
): PackSource {
  return {
    specifier: pack.id,
    enabled: options.enabled ?? true,
    optional: false,
    config: options.config,
    pack,
  };
}

/** The context a built pack needs could not be had (Panther unreachable): that error, not a pack's, is reported. */
class BuildContextUnavailable extends Error {}

async function buildPack(
  source: PackSource & { build: NonNullable<PackSource['build']> },
  context: (() => Promise<PackBuildContext>) | undefined,
): Promise<PackDefinition> {
  if (context === undefined) throw new Error('this pack is built by the host, which cannot build it here');
  let given: PackBuildContext;
  try {
    given = await context();
  } catch (error) {
    throw new BuildContextUnavailable('no build context', { cause: error });
  }
  return checkGivenPack({ ...source, pack: await source.build(given) });
}

/**
 * Resolves, imports (or builds) and validates every pack, in config order. Every failure of a required pack is collected
 * into one error naming each pack; optional packs that fail are logged and skipped.
 */
export async function loadPacks(
  sources: readonly PackSource[],
  options: {
    readonly bases: readonly string[];
    readonly logger: Logger;
    /** What packs with `build` get (awaited only when one is built). */
    readonly buildContext?: (() => Promise<PackBuildContext>) | undefined;
  },
): Promise<ValidatedPack[]> {
  const failures: PackFailure[] = [];
  const loaded: LoadedPack[] = [];
  // Imported side by side (reading one pack's files while another compiles), then handled in config order.
  const imports = sources.map(async (source) => {
    if (source.pack !== undefined) return checkGivenPack(source);
    if (source.build !== undefined)
      return buildPack({ ...source, build: source.build }, options.buildContext);
    return importPack(resolvePack(source.specifier, options.bases));
  });
  // Each failure is handled below, in order; until then it must not count as an unhandled rejection.
  for (const pending of imports) pending.catch(() => {});
  for (const [index, source] of sources.entries()) {
    try {
      const pack = await imports[index]!;
      loaded.push({ source, pack });
    } catch (error) {
      if (error instanceof BuildContextUnavailable) throw error.cause;
      const code = isMcpHostError(error) ? error.code : 'PACK_INVALID';
      const label = packLabel(source, source.pack as { id?: unknown } | undefined);
      // A disabled pack that cannot load hides nothing that would have been served: log it, do not fail.
      handleFailure(
        { label, code, problems: [(error as Error).message], skippable: skippable(source) },
        source.optional || !source.enabled,
        failures,
        options.logger,
      );
    }
  }
  const validated = validatePacks(loaded, options.logger);
  assertNoPackFailures([...failures, ...validated.failures]);
  return validated.packs;
}
