import { CALL_PHASES, type CallHook } from './types.js';

/**
 * The hooks in the order they run, outermost first: by phase, then within a phase in the order given, with each
 * hook that names a `before` or `after` hook moved next to it. Throws on a hook without a known phase, two hooks
 * with one name, or a hook placed by a hook that its phase does not have: a part's mistake, found at start-up.
 */
export function orderHooks(hooks: readonly CallHook[]): CallHook[] {
  const seen = new Set<string>();
  for (const hook of hooks) {
    if (!CALL_PHASES.includes(hook.phase)) {
      throw new Error(
        `call hook "${hook.name}" has phase "${String(hook.phase)}"; phases are ${CALL_PHASES.join(', ')}`,
      );
    }
    if (seen.has(hook.name)) throw new Error(`two call hooks are named "${hook.name}"`);
    seen.add(hook.name);
  }
  return CALL_PHASES.flatMap((phase) => orderPhase(hooks.filter((hook) => hook.phase === phase)));
}

function orderPhase(hooks: readonly CallHook[]): CallHook[] {
  const placed = hooks.filter((hook) => hook.before === undefined && hook.after === undefined);
  let pending = hooks.filter((hook) => !placed.includes(hook));
  // A hook may be placed by another placed hook: keep going while that makes progress.
  while (pending.length > 0) {
    const waiting: CallHook[] = [];
    for (const hook of pending) {
      const anchor = (hook.before ?? hook.after)!;
      const at = placed.findIndex((other) => other.name === anchor);
      if (at < 0) waiting.push(hook);
      else placed.splice(hook.before !== undefined ? at : at + 1, 0, hook);
    }
    if (waiting.length === pending.length) {
      const hook = waiting[0]!;
      const where = hook.before !== undefined ? `before "${hook.before}"` : `after "${hook.after}"`;
      throw new Error(
        `call hook "${hook.name}" is to run ${where}, which is not a hook of its phase "${hook.phase}" (there: ${
          hooks.map((other) => other.name).join(', ') || 'none'
        })`,
      );
    }
    pending = waiting;
  }
  return placed;
}
