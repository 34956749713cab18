import { describeCuts, fitResult } from '../../output/fitResult.js';
import type { Redactor } from '../../security/redact.js';
import type { CallHook, CallOutcome } from '../types.js';

/** Characters kept free for the note that says what was cut. */
const NOTE_RESERVE = 512;

export interface OutputLimits {
  /** Most characters of JSON in one result. */
  readonly maxChars: number;
}

function budgetLabel(chars: number): string {
  return chars >= 1024 * 1024 && chars % (1024 * 1024) === 0
    ? `${chars / (1024 * 1024)} MiB`
    : `${chars.toLocaleString('en-US')} characters`;
}

function hasCursor(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((k) => /cursor/i.test(k) && value[k] !== null && value[k] !== undefined);
}

/**
 * Every result leaves the host through here: secrets replaced in every value and text, then cut to the size
 * budget at record boundaries with a note saying what was left out and how to get it.
 */
export function limitOutputHook(deps: { redact: Redactor; limits: OutputLimits }): CallHook {
  return {
    name: 'limit-output',
    async around(call, next) {
      const outcome = await next();
      if (!outcome.ok) return { ...outcome, text: deps.redact.text(outcome.text) };
      // One serialisation serves the secret check, the size check and the text the model reads.
      let value = outcome.value;
      let json = JSON.stringify(value);
      if (deps.redact.found(json)) {
        value = deps.redact.value(value);
        json = JSON.stringify(value);
      }
      const notes = (outcome.notes ?? []).map((n) => deps.redact.text(n));
      if (json.length <= deps.limits.maxChars) return { ok: true, value, notes, json };
      // The note after a cut result counts towards the limit too.
      const fit = fitResult(value, Math.max(0, deps.limits.maxChars - NOTE_RESERVE));
      if (!fit.fits) {
        call.logger.warn('tool result too large to cut at record boundaries', { size: fit.size });
        return {
          ok: false,
          code: 'OUTPUT_TOO_LARGE',
          text: `${call.tool.name} returned more than ${budgetLabel(deps.limits.maxChars)}; ask for fewer items, a narrower filter or fewer fields`,
        } satisfies CallOutcome;
      }
      return {
        ok: true,
        value: fit.value,
        notes: [...notes, describeCuts(fit, budgetLabel(deps.limits.maxChars), hasCursor(fit.value))],
      };
    },
  };
}
