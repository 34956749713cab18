import { createRequire } from 'node:module';

type Picomatch = typeof import('picomatch');
let picomatchModule: Picomatch | undefined;

/**
 * Each tool's time limit from `policy.toolTimeouts`: its own name first, then the first glob (in the order written)
 * that matches it, then `*`. Tools without any are left out (no limit). Globs load picomatch, names alone do not.
 */
export function resolveToolTimeouts(
  toolTimeouts: Readonly<Record<string, number>>,
  toolNames: readonly string[],
): ReadonlyMap<string, number> {
  const entries = Object.entries(toolTimeouts);
  const fallback = toolTimeouts['*'];
  const globs = entries.filter(([key]) => key !== '*' && /[*?[\]{}()!+@]/.test(key));
  let matchers: (readonly [(name: string) => boolean, number])[] = [];
  if (globs.length > 0) {
    picomatchModule ??= createRequire(import.meta.url)('picomatch') as Picomatch;
    const picomatch = picomatchModule;
    matchers = globs.map(([glob, ms]) => [picomatch(glob), ms] as const);
  }
  const out = new Map<string, number>();
  for (const name of toolNames) {
    const ms = Object.hasOwn(toolTimeouts, name)
      ? toolTimeouts[name]
      : (matchers.find(([matches]) => matches(name))?.[1] ?? fallback);
    if (ms !== undefined) out.set(name, ms);
  }
  return out;
}
