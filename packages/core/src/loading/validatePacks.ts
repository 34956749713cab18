import type { z } from 'zod';
import type { Logger, PackDefinition, ViewDefinition } from '../define/types.js';
import { type HostErrorCode, isMcpHostError, McpHostError } from '../errors.js';
import type { PackSource, ValidatedPack } from '../types.js';
import { formatIssues } from '../util/formatIssues.js';
import { checkPack, checkPackCompatibility } from './checkPack.js';

export interface LoadedPack {
  readonly source: PackSource;
  readonly pack: PackDefinition;
}

export interface PackFailure {
  readonly label: string;
  readonly code: HostErrorCode;
  readonly problems: readonly string[];
  /** False for a pack the host builds (query tools): the config cannot mark it optional. */
  readonly skippable?: boolean | undefined;
}

/** Whether the config can mark the pack of `source` optional: a pack it names, not one the host builds. */
export const skippable = (source: PackSource): boolean => source.build === undefined;

export function packLabel(source: PackSource, pack?: { id?: unknown }): string {
  const id = typeof pack?.id === 'string' ? pack.id : undefined;
  if (id === undefined) return source.specifier;
  return id === source.specifier ? `pack "${id}"` : `pack "${id}" (${source.specifier})`;
}

/** Skips an optional pack with a warning, or records the failure. */
export function handleFailure(
  failure: PackFailure,
  optional: boolean,
  failures: PackFailure[],
  logger: Logger,
): void {
  if (optional) {
    logger.warn('optional pack skipped', { pack: failure.label, problems: failure.problems });
  } else {
    failures.push(failure);
  }
}

/** One error for every pack that failed, each named, with its problems. */
export function assertNoPackFailures(failures: readonly PackFailure[]): void {
  if (failures.length === 0) return;
  const lines = failures.map((f) =>
    f.problems.length === 1
      ? `  - ${f.label}: ${f.problems[0]}`
      : `  - ${f.label}:\n${f.problems.map((p) => `      - ${p}`).join('\n')}`,
  );
  const head = failures.length === 1 ? 'A pack failed to load' : `${failures.length} packs failed to load`;
  const hint = failures.some((f) => f.skippable !== false)
    ? ' (mark a pack optional to skip it on failure)'
    : '';
  throw new McpHostError(failures[0]!.code, `${head}${hint}:\n${lines.join('\n')}`);
}

/** The views a pack's tools link, each once. */
export function viewsOf(pack: PackDefinition): ViewDefinition[] {
  return [...new Set(pack.tools.flatMap((tool) => (tool.view ? [tool.view] : [])))];
}

function parsePackConfig(pack: PackDefinition, config: unknown): { value: unknown; problems: string[] } {
  const schema = pack.configSchema as z.ZodType | undefined;
  if (!schema) {
    return config === undefined
      ? { value: undefined, problems: [] }
      : { value: undefined, problems: ['the pack takes no config'] };
  }
  const parsed = schema.safeParse(config, { reportInput: true });
  if (parsed.success) return { value: parsed.data, problems: [] };
  return {
    value: undefined,
    problems: formatIssues(parsed.error, schema).map(
      (i) => `config${i.path ? `.${i.path}` : ''}: ${i.message}`,
    ),
  };
}

/**
 * Checks the loaded packs in config order: each pack's own invariants and config, then unique pack ids, unique
 * tool, prompt, resource template and view names (and template URIs) across packs (the later pack is blamed), then
 * `requires`. Never reorders.
 */
export function validatePacks(
  loaded: readonly LoadedPack[],
  logger: Logger,
): { packs: ValidatedPack[]; failures: PackFailure[] } {
  const failures: PackFailure[] = [];
  const accepted: { source: PackSource; pack: PackDefinition; config: unknown }[] = [];
  const packIds = new Map<string, string>();
  const toolNames = new Map<string, string>();
  const promptNames = new Map<string, string>();
  const templateNames = new Map<string, string>();
  const templateUris = new Map<string, string>();
  const views = new Map<string, { view: ViewDefinition; owner: string }>();

  for (const { source, pack } of loaded) {
    const label = packLabel(source, pack);
    const problems = [...checkPack(pack).problems];
    const config = parsePackConfig(pack, source.config);
    problems.push(...config.problems);
    if (problems.length > 0) {
      handleFailure(
        { label, code: 'PACK_INVALID', problems, skippable: skippable(source) },
        source.optional,
        failures,
        logger,
      );
      continue;
    }
    const duplicates: string[] = [];
    const otherPack = packIds.get(pack.id);
    if (otherPack) duplicates.push(`pack id "${pack.id}" is already used by ${otherPack}`);
    for (const tool of pack.tools) {
      const owner = toolNames.get(tool.name);
      if (owner) duplicates.push(`tool "${tool.name}" is already registered by ${owner}`);
    }
    for (const prompt of pack.prompts ?? []) {
      const owner = promptNames.get(prompt.name);
      if (owner) duplicates.push(`prompt "${prompt.name}" is already registered by ${owner}`);
    }
    for (const template of pack.resources ?? []) {
      const owner = templateNames.get(template.name);
      if (owner) duplicates.push(`resource template "${template.name}" is already registered by ${owner}`);
      const uriOwner = templateUris.get(template.uriTemplate);
      if (uriOwner)
        duplicates.push(`resource template ${template.uriTemplate} is already registered by ${uriOwner}`);
    }
    const packViews = viewsOf(pack);
    for (const view of packViews) {
      const other = views.get(view.uri);
      // Packs may share one view object; two different views cannot have one URI.
      if (other && other.view !== view)
        duplicates.push(`view ${view.uri} is already registered by ${other.owner}`);
    }
    if (duplicates.length > 0) {
      handleFailure(
        { label, code: 'DUPLICATE_TOOL', problems: duplicates, skippable: skippable(source) },
        source.optional,
        failures,
        logger,
      );
      continue;
    }
    packIds.set(pack.id, label);
    for (const tool of pack.tools) toolNames.set(tool.name, label);
    for (const prompt of pack.prompts ?? []) promptNames.set(prompt.name, label);
    for (const template of pack.resources ?? []) {
      templateNames.set(template.name, label);
      templateUris.set(template.uriTemplate, label);
    }
    for (const view of packViews) if (!views.has(view.uri)) views.set(view.uri, { view, owner: label });
    accepted.push({ source, pack, config: config.value });
  }

  const packs: ValidatedPack[] = [];
  for (const { source, pack, config } of accepted) {
    const missing = (pack.requires ?? []).filter((id) => !packIds.has(id));
    if (missing.length > 0) {
      handleFailure(
        {
          label: packLabel(source, pack),
          code: 'PACK_MISSING_DEPENDENCY',
          skippable: skippable(source),
          problems: [
            `it requires pack${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not loaded`,
          ],
        },
        source.optional,
        failures,
        logger,
      );
      continue;
    }
    packs.push({ pack, specifier: source.specifier, enabled: source.enabled, config });
  }
  return { packs, failures };
}

/** Checks a pack object given directly (no import): brand, API version, core range. */
export function checkGivenPack(source: PackSource): PackDefinition {
  try {
    return checkPackCompatibility(source.pack);
  } catch (error) {
    if (isMcpHostError(error)) throw error;
    throw new McpHostError('PACK_INVALID', (error as Error).message, { cause: error });
  }
}
