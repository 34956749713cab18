import { describeFlag } from '../../untrusted/fenceNotes.js';
import { type SessionFlags, sessionKey } from '../../untrusted/sessionFlags.js';
import { DEFAULT_UNTRUSTED_SETTINGS } from '../../untrusted/settings.js';
import { callKey } from '../callData.js';
import type { CallHook } from '../types.js';

/**
 * Why the confirm-writes hook must ask, whatever `policy.confirmWrites` says: the session was shown a flagged
 * value (which one, in words for the person).
 */
export const FLAGGED_SESSION = callKey<string>('untrusted.flagged-session');

/**
 * Between input parsing and the confirmation: a write in a session that was shown a flagged value is refused
 * (`policy.untrusted.lockdown`) or must be confirmed by the person, with the flag named
 * (`policy.untrusted.confirmWritesAfterFlag`), even when `policy.confirmWrites` would not ask.
 */
export function guardAfterFlagHook(deps: { readonly flags: SessionFlags }): CallHook {
  return {
    name: 'guard-after-flag',
    phase: 'guard',
    before: 'confirm-writes',
    async around(call, next) {
      if (call.tool.access !== 'write') return next();
      const settings = call.untrusted ?? DEFAULT_UNTRUSTED_SETTINGS;
      if (!settings.lockdown && !settings.confirmWritesAfterFlag) return next();
      const flag = deps.flags.get(sessionKey(call.sessionId, call.caller));
      if (flag === undefined) return next();
      if (settings.lockdown) {
        return {
          ok: false,
          code: 'UNTRUSTED_LOCKDOWN',
          text:
            `${call.tool.name} was not sent: ${describeFlag(flag)}, and policy.untrusted.lockdown refuses every ` +
            'write of such a session. Nothing was changed. Tell the user; a new session can write again.',
        };
      }
      call.data.set(FLAGGED_SESSION, describeFlag(flag));
      return next();
    },
  };
}
