import { isPantherApiError } from '@mcp-panther/client';
import { isMcpHostError } from '../../errors.js';
import { mapToolError } from '../../server/toolErrors.js';
import type { CallHook } from '../types.js';

/** Turns what the tool threw into an outcome: the text the model sees, a code, and a log line where it helps. */
export function mapErrorsHook(): CallHook {
  return {
    name: 'map-errors',
    async around(call, next) {
      try {
        return await next();
      } catch (error) {
        const mapped = mapToolError(call.tool, error);
        const code = isPantherApiError(error) || isMcpHostError(error) ? error.code : 'INTERNAL';
        if (mapped.log !== 'none') {
          call.logger[mapped.log]('tool call failed', {
            code,
            error,
            ...(mapped.ref ? { ref: mapped.ref } : {}),
          });
        }
        return { ok: false, code: mapped.ref ? 'INTERNAL' : code, text: mapped.text };
      }
    },
  };
}
