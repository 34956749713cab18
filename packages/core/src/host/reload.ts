import type { HostConfig } from '../config/schema.js';
import type { PackSource } from '../types.js';

export interface ReloadOptions {
  /** The new config, validated (what `loadConfig` returns). Its `packs` and `policy` are applied. */
  readonly config: HostConfig;
  /** Where its pack names are resolved first (the config file's folder). Default: the host's. */
  readonly baseDir?: string | undefined;
  /** Pack sources to use instead of `config.packs` (a source may carry the pack object itself). */
  readonly packs?: readonly PackSource[] | undefined;
}

export interface ReloadReport {
  readonly addedTools: readonly string[];
  readonly removedTools: readonly string[];
  /** The lists connected clients were told changed. */
  readonly notified: { readonly tools: boolean; readonly prompts: boolean; readonly resources: boolean };
  /** Sessions connected when the new config took effect. */
  readonly sessions: number;
  /** Fields that changed but are read only at start-up (`server.port`, `server.auth.oauth`): they need a restart. */
  readonly needsRestart: readonly string[];
}

/** Sections a reload applies whole; of the rest only `server.auth.tokens` is (see `appliedConfig`). */
const RELOADED: ReadonlySet<string> = new Set(['packs', 'policy', 'profiles', 'reload']);

/**
 * The config in force after a reload: the new `packs`, `policy` and `profiles`, and the new static tokens
 * (`server.auth.tokens`) when both configs have `server.auth`; everything else as it was at start-up. Comparing
 * it with the new config (`restartOnlyChanges`) says what was not applied.
 */
export function appliedConfig(current: HostConfig, next: HostConfig): HostConfig {
  const auth = current.server.auth;
  const tokens = next.server.auth?.tokens;
  return {
    ...current,
    packs: next.packs,
    policy: next.policy,
    profiles: next.profiles,
    reload: next.reload,
    server: { ...current.server, auth: auth && tokens ? { ...auth, tokens } : auth },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields outside `packs` and `policy` that differ between two configs (`server.port`, `client`…). */
export function restartOnlyChanges(before: HostConfig, after: HostConfig): string[] {
  const changed: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (RELOADED.has(key)) continue;
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (same(a, b)) continue;
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const field of fields) {
        if (!same((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field])) {
          changed.push(`${key}.${field}`);
        }
      }
    } else {
      changed.push(key);
    }
  }
  return changed.sort();
}
