import { createRequire } from 'node:module';
import type { HostConfig } from '../config/schema.js';
import type { AnyTool, PromptDefinition } from '../define/types.js';
import type { ValidatedPack } from '../types.js';
import { missingPermissions } from './permissions.js';

/** Why a tool is not registered, in the order the filter asks. */
export type HiddenReason =
  | 'pack-disabled'
  | 'read-only'
  | 'permission'
  | 'denied'
  | 'not-allowed'
  /** Not in the toolset the connection (or the command's flags) asked for. */
  | 'toolset';

export interface ToolEntry {
  readonly pack: ValidatedPack;
  readonly tool: AnyTool;
}

export interface HiddenTool extends ToolEntry {
  readonly reason: HiddenReason;
  /** The reason in words, for `mcp-panther tools` and the config resource. */
  readonly detail: string;
}

export interface FilterResult {
  readonly enabled: readonly ToolEntry[];
  readonly hidden: readonly HiddenTool[];
}

export interface FilterOptions {
  readonly packs: readonly ValidatedPack[];
  readonly policy: Pick<HostConfig['policy'], 'mode' | 'allowTools' | 'denyTools'>;
  /** The token's permissions; undefined when unknown or when the permission filter is switched off. */
  readonly permissions: ReadonlySet<string> | undefined;
  /** A profile's packs (by id): tools of other packs are hidden as if their pack were disabled. */
  readonly packIds?: ReadonlySet<string> | undefined;
}

type Picomatch = typeof import('picomatch');
let picomatchModule: Picomatch | undefined;

/** Loaded only when a config has allow or deny globs (most have none). */
function matcher(globs: readonly string[]): ((name: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  picomatchModule ??= createRequire(import.meta.url)('picomatch') as Picomatch;
  return picomatchModule([...globs]);
}

/**
 * The policy filter, in this written order (the first rule that hides a tool gives the reason):
 * 1. the pack is enabled (and, for a profile, one of its packs);
 * 2. `access` against the mode: `read-only` hides every write tool, whatever the allow list says;
 * 3. the token's permissions, when known;
 * 4. deny globs;
 * 5. allow globs: when any are given, only matching tools remain.
 */
export function filterTools(options: FilterOptions): FilterResult {
  const deny = matcher(options.policy.denyTools);
  const allow = matcher(options.policy.allowTools);
  const enabled: ToolEntry[] = [];
  const hidden: HiddenTool[] = [];
  for (const pack of options.packs) {
    for (const tool of pack.pack.tools) {
      const hide = (reason: HiddenReason, detail: string) => hidden.push({ pack, tool, reason, detail });
      if (!pack.enabled) {
        hide('pack-disabled', `pack "${pack.pack.id}" is disabled in the config`);
        continue;
      }
      if (options.packIds && !options.packIds.has(pack.pack.id)) {
        hide('pack-disabled', `pack "${pack.pack.id}" is not one of this profile's packs`);
        continue;
      }
      if (tool.access === 'write' && options.policy.mode === 'read-only') {
        hide('read-only', 'a write tool, and the policy mode is read-only');
        continue;
      }
      const missing = options.permissions
        ? missingPermissions(tool.permissions, options.permissions)
        : undefined;
      if (missing) {
        hide('permission', missing);
        continue;
      }
      if (deny?.(tool.name)) {
        hide('denied', 'matches policy.denyTools');
        continue;
      }
      if (allow && !allow(tool.name)) {
        hide('not-allowed', 'matches none of policy.allowTools');
        continue;
      }
      enabled.push({ pack, tool });
    }
  }
  return { enabled: sortEntries(enabled), hidden: sortEntries(hidden) };
}

/** Sorted by pack id, then name (a stable order for tools/list). */
export function sortEntries<T extends ToolEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(
    (a, b) => compare(a.pack.pack.id, b.pack.pack.id) || compare(a.tool.name, b.tool.name),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface PromptEntry {
  readonly pack: ValidatedPack;
  readonly prompt: PromptDefinition;
}

/** Prompts of enabled packs whose permissions (if any) the token holds. */
export function filterPrompts(
  packs: readonly ValidatedPack[],
  permissions: ReadonlySet<string> | undefined,
): PromptEntry[] {
  const out: PromptEntry[] = [];
  for (const pack of packs) {
    if (!pack.enabled) continue;
    for (const prompt of pack.pack.prompts ?? []) {
      if (permissions && prompt.permissions && missingPermissions(prompt.permissions, permissions)) continue;
      out.push({ pack, prompt });
    }
  }
  return out.sort((a, b) => compare(a.prompt.name, b.prompt.name));
}
