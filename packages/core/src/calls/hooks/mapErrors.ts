import { mapToolError } from '../mapToolError.js';
import type { CallHook } from '../types.js';

/** Turns what the tool threw into an outcome: the text the model sees, a code, and a log line where it helps. */
export function mapErrorsHook(): CallHook {
  return {
    name: 'map-errors',
    phase: 'invoke',
    async around(call, next) {
      try {
        return await next();
      } catch (error) {
        const mapped = mapToolError(call.tool, error);
        if (mapped.log !== 'none') {
          call.logger[mapped.log]('tool call failed', {
            code: mapped.code,
            error,
            ...(mapped.ref ? { ref: mapped.ref } : {}),
          });
        }
        return { ok: false, code: mapped.code, text: mapped.text };
      }
    },
  };
}
