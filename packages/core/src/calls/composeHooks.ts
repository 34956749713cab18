import { randomBytes } from 'node:crypto';
import { orderHooks } from './orderHooks.js';
import type { CallHook, CallOutcome, ToolCall } from './types.js';

/** The innermost step: runs the tool itself. */
export type Invoke = (call: ToolCall) => Promise<CallOutcome>;

/**
 * Orders the hooks (`orderHooks`) and composes them around `invoke` into one function. `next(call)` hands the
 * changed call to the rest of the chain; `next()` hands on the same one. A hook that throws (a bug) ends the call
 * with an internal error that names a log reference, never a stack trace.
 */
export function composeHooks(
  hooks: readonly CallHook[],
  invoke: Invoke,
): (call: ToolCall) => Promise<CallOutcome> {
  const ordered = orderHooks(hooks);
  const run = (index: number, call: ToolCall): Promise<CallOutcome> => {
    const hook = ordered[index];
    if (hook === undefined) return invoke(call);
    let called = false;
    return hook.around(call, (changed = call) => {
      if (called) return Promise.reject(new Error(`call hook "${hook.name}" called next() twice`));
      called = true;
      return run(index + 1, changed);
    });
  };
  return async (call) => {
    try {
      return await run(0, call);
    } catch (error) {
      const ref = randomBytes(4).toString('hex');
      call.logger.error('tool call failed inside the host', { ref, code: 'INTERNAL', error });
      return {
        ok: false,
        code: 'INTERNAL',
        text: `${call.tool.name} failed with an internal error (reference ${ref} in the server log)`,
      };
    }
  };
}
