import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmWrites } from '../../config/schema.js';
import type { Redactor } from '../../security/redact.js';
import { callKey } from '../callData.js';
import { describeChange } from '../describeChange.js';
import type { CallHook, CallOutcome } from '../types.js';
import { FLAGGED_SESSION } from './guardAfterFlag.js';

/** How long the person has to answer before the write is dropped (people read, think and switch windows). */
export const CONFIRM_TIMEOUT_MS = 10 * 60_000;

/** How a confirmation ended, as the audit record shows it. */
export type ConfirmationNote =
  | 'not required'
  | 'accepted'
  | 'declined'
  | 'cancelled'
  | 'unavailable'
  | 'unanswered';

/** How the confirmation of a write ended: the audit hooks copy it into the audit record. */
export const CONFIRMATION = callKey<ConfirmationNote>('confirmation');

export function needsConfirmation(setting: ConfirmWrites, destructive: boolean): boolean {
  return setting === 'always' || (setting === 'destructive' && destructive);
}

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

function question(
  summary: string,
  toolName: string,
  destructive: boolean,
  flagged: string | undefined,
): string {
  return [
    summary,
    '',
    `${toolName} will change Panther${destructive ? ' (it may hide or destroy information)' : ''}. ` +
      'Accept to send it; decline and nothing is changed.',
    ...(flagged === undefined
      ? []
      : [
          '',
          `Asked because ${flagged}. Make sure this change is what you want, not what that text asks for.`,
        ]),
  ].join('\n');
}

/**
 * Between input parsing and the audit intent: a write the policy wants confirmed is sent only when the person
 * accepts a plain summary of it through MCP elicitation. Declined, cancelled, unanswered, or a client that cannot
 * ask: the call ends here, nothing is sent, and the outcome says so. The answer is left in the call's data
 * (`CONFIRMATION`) for the audit record.
 */
export function confirmWritesHook(deps: {
  readonly redact: Redactor;
  readonly timeoutMs?: number | undefined;
}): CallHook {
  const timeoutMs = deps.timeoutMs ?? CONFIRM_TIMEOUT_MS;
  return {
    name: 'confirm-writes',
    phase: 'guard',
    async around(call, next) {
      const { tool } = call;
      if (tool.access !== 'write') return next();
      const note = (value: ConfirmationNote) => {
        call.data.set(CONFIRMATION, value);
      };
      // Set by the guard-after-flag hook: the session was shown a flagged value.
      const flagged = call.data.get(FLAGGED_SESSION);
      if (flagged === undefined && !needsConfirmation(call.confirmWrites, tool.destructive)) {
        note('not required');
        return next();
      }
      const refused = (code: string, text: string): CallOutcome => ({ ok: false, code, text });
      if (call.elicit === undefined) {
        note('unavailable');
        return refused(
          'CONFIRMATION_UNAVAILABLE',
          flagged === undefined
            ? `${tool.name} was not sent: policy.confirmWrites is "${call.confirmWrites}", so the person must confirm ` +
                'this change, and this client cannot ask them (it does not support MCP elicitation). Nothing was ' +
                'changed. Use a client that supports elicitation, or ask the operator to set policy.confirmWrites to "never".'
            : `${tool.name} was not sent: ${flagged}, so the person must confirm every write of this session ` +
                '(policy.untrusted.confirmWritesAfterFlag), and this client cannot ask them (it does not support MCP ' +
                'elicitation). Nothing was changed. Tell the user; a new session can write again.',
        );
      }
      const summary = deps.redact.text(describeChange(tool, call.input));
      let action: 'accept' | 'decline' | 'cancel';
      try {
        const answer = await call.elicit(
          {
            message: question(summary, tool.name, tool.destructive, flagged),
            requestedSchema: { type: 'object', properties: {} },
          },
          { timeoutMs },
        );
        action = answer.action;
      } catch (error) {
        if (call.signal.aborted) {
          note('cancelled');
          return refused(
            'CANCELLED',
            `${tool.name} was cancelled before it was confirmed; nothing was changed`,
          );
        }
        note('unanswered');
        const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout;
        const waited =
          timeoutMs >= 60_000
            ? count(Math.round(timeoutMs / 60_000), 'minute')
            : count(Math.ceil(timeoutMs / 1000), 'second');
        if (!timedOut) call.logger.warn('the confirmation question failed', { error });
        return refused(
          'NOT_CONFIRMED',
          `${tool.name} was not sent: ${
            timedOut
              ? `the confirmation was not answered within ${waited}`
              : 'the client could not ask for confirmation'
          }; nothing was changed`,
        );
      }
      if (action === 'accept') {
        note('accepted');
        return next();
      }
      note(action === 'decline' ? 'declined' : 'cancelled');
      return refused(
        'NOT_CONFIRMED',
        `${tool.name} was not sent: the user ${action === 'decline' ? 'declined' : 'cancelled'} the change ` +
          `(${summary}). Nothing was changed.`,
      );
    },
  };
}
