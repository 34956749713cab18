import { unescapeArguments } from '../../untrusted/fenceValue.js';
import { DEFAULT_UNTRUSTED_SETTINGS } from '../../untrusted/settings.js';
import type { CallHook } from '../types.js';

/**
 * Before the input is parsed: an id or name the model read with its hidden characters escaped (`Rule[U+200B]A`)
 * is taken back to the value Panther holds, so that it can be passed back. Text with spaces is left as written
 * (`unescapeArguments`).
 */
export function unescapeArgumentsHook(): CallHook {
  return {
    name: 'unescape-arguments',
    phase: 'guard',
    before: 'parse-input',
    async around(call, next) {
      if (!(call.untrusted ?? DEFAULT_UNTRUSTED_SETTINGS).escapeHidden) return next();
      const args = unescapeArguments(call.args);
      return args === call.args ? next() : next({ ...call, args });
    },
  };
}
