import { isContentOutput } from '../../define/content.js';
import { flagNote, untrustedMeta } from '../../untrusted/fenceNotes.js';
import { fenceValue } from '../../untrusted/fenceValue.js';
import { escapeHidden } from '../../untrusted/hiddenText.js';
import { type SessionFlags, sessionKey } from '../../untrusted/sessionFlags.js';
import { DEFAULT_UNTRUSTED_SETTINGS } from '../../untrusted/settings.js';
import type { CallHook } from '../types.js';

/**
 * Top-level keys a tool or the host writes itself (a resume cursor, a note on paging or filters, by the toolkit's
 * convention): not Panther's text.
 */
const HOST_KEYS: ReadonlySet<string> = new Set(['next_cursor', 'note']);

/**
 * Inside the output limits, so that the budget counts the escapes: every string of a result (values, keys, notes,
 * an error's text) has its hidden code points replaced by visible escapes (`policy.untrusted.escapeHidden`).
 * Escaping is linear and cheap, so it runs on the whole result before it is cut.
 */
export function escapeHiddenHook(): CallHook {
  return {
    name: 'escape-hidden',
    phase: 'output',
    after: 'limit-output',
    async around(call, next) {
      const outcome = await next();
      if (!(call.untrusted ?? DEFAULT_UNTRUSTED_SETTINGS).escapeHidden) return outcome;
      if (!outcome.ok) return { ...outcome, text: escapeHidden(outcome.text) };
      const fenced = fenceValue(outcome.value, {
        escapeHidden: true,
        flag: false,
        hostKeys: HOST_KEYS,
        contentBlocks: isContentOutput(call.tool.output),
      });
      const notes = outcome.notes?.map(escapeHidden);
      const notesChanged = notes?.some((note, i) => note !== outcome.notes![i]) ?? false;
      if (fenced.escaped === 0 && !notesChanged) return outcome;
      return { ...outcome, value: fenced.value as Record<string, unknown>, json: undefined, notes };
    },
  };
}

/**
 * Outside the output limits, so that it reads what the model will read: every string of the result goes through
 * the injection detector (`policy.untrusted.flag`). `_meta` lists where Panther's text sits and which values were
 * flagged; a flagged result gets a short note (on top of the output budget) and its session is remembered as one
 * that was shown flagged text, whose writes are then confirmed or refused.
 */
export function fenceUntrustedHook(deps: { readonly flags: SessionFlags }): CallHook {
  return {
    name: 'fence-untrusted',
    phase: 'output',
    before: 'limit-output',
    async around(call, next) {
      const settings = call.untrusted ?? DEFAULT_UNTRUSTED_SETTINGS;
      const outcome = await next();
      if (!outcome.ok || (!settings.escapeHidden && !settings.flag)) return outcome;
      const fenced = fenceValue(outcome.value, {
        escapeHidden: false,
        flag: settings.flag,
        toolNames: settings.toolNames,
        hostKeys: HOST_KEYS,
        escaped: settings.escapeHidden,
        contentBlocks: isContentOutput(call.tool.output),
      });
      const marks = untrustedMeta(fenced.untrusted, fenced.flagged);
      const meta = Object.keys(marks).length > 0 ? { ...outcome.meta, ...marks } : outcome.meta;
      if (fenced.flagged.length === 0) return { ...outcome, meta };
      const [first] = fenced.flagged;
      deps.flags.note(sessionKey(call.sessionId, call.caller), {
        tool: call.tool.name,
        path: first!.path,
        signs: first!.signs,
      });
      call.logger.warn('possible prompt injection in a result', {
        flagged: fenced.flagged.slice(0, 10).map((f) => `${f.path} (${f.signs.join(', ')})`),
      });
      const note = flagNote(fenced.flagged, {
        confirmWrites: settings.confirmWritesAfterFlag,
        lockdown: settings.lockdown,
      });
      return { ...outcome, notes: [...(outcome.notes ?? []), note], meta };
    },
  };
}
