import { randomUUID } from 'node:crypto';
import type { AuditRecord, AuditSink } from '../../audit/auditSink.js';
import { boundedJson } from '../../security/boundedJson.js';
import { escapeControls } from '../../security/escapeControls.js';
import type { Redactor } from '../../security/redact.js';
import { callKey } from '../callData.js';
import type { CallHook, ToolCall } from '../types.js';
import { CONFIRMATION } from './confirmWrites.js';

/** The id that joins a write's intent and outcome records. */
export const AUDIT_ID = callKey<string>('audit.id');
/** Set once the intent is on disk: the write was let through to the tool. */
const AUDIT_SENT = callKey<boolean>('audit.sent');

function base(call: ToolCall, phase: AuditRecord['phase']): AuditRecord {
  return {
    time: new Date().toISOString(),
    id: call.data.get(AUDIT_ID) ?? '',
    phase,
    tool: call.tool.name,
    pack: call.pack.pack.id,
    arguments: boundedJson(call.args ?? {}),
    ...(call.caller
      ? {
          caller: call.caller.name,
          callerId: call.caller.id,
          credential: call.caller.credential,
          profile: call.caller.profile,
        }
      : {}),
    ...(call.sessionId ? { session: call.sessionId } : {}),
    request: call.requestId,
    ...(call.data.get(CONFIRMATION) === undefined ? {} : { confirmation: call.data.get(CONFIRMATION) }),
  };
}

/**
 * One JSON line, secrets replaced and control characters escaped (safe to `tail` on a terminal); never throws
 * (the record is bounded before it is serialised).
 */
function line(record: AuditRecord, redact: Redactor): string {
  return `${escapeControls(JSON.stringify(redact.value(record)))}\n`;
}

/**
 * The outer audit hook, around every write call: records how it ended (including input refused before anything
 * was sent). A failure to write the outcome is logged; the write has happened and its result is returned.
 */
export function auditOutcomeHook(deps: { sink: AuditSink; redact: Redactor }): CallHook {
  return {
    name: 'audit-outcome',
    phase: 'audit',
    async around(call, next) {
      if (call.tool.access !== 'write') return next();
      call.data.set(AUDIT_ID, randomUUID());
      const started = performance.now();
      const outcome = await next();
      const sent = call.data.get(AUDIT_SENT) === true;
      const record: AuditRecord = {
        ...base(call, 'outcome'),
        outcome: outcome.ok ? 'ok' : sent ? 'error' : 'refused',
        ...(outcome.ok ? {} : { code: outcome.code, error: outcome.text }),
        durationMs: Math.round(performance.now() - started),
      };
      try {
        await deps.sink.write(line(record, deps.redact));
      } catch (error) {
        call.logger.error('the audit log could not record the outcome of a write', { id: record.id, error });
      }
      return outcome;
    },
  };
}

/**
 * The inner audit hook, right before a write is sent: its intent is written first. When the audit log cannot be
 * written the write is refused, never sent unaudited.
 */
export function auditIntentHook(deps: { sink: AuditSink; redact: Redactor }): CallHook {
  return {
    name: 'audit-intent',
    phase: 'send',
    async around(call, next) {
      if (call.tool.access !== 'write') return next();
      if (call.data.get(AUDIT_ID) === undefined) call.data.set(AUDIT_ID, randomUUID());
      try {
        await deps.sink.write(line(base(call, 'intent'), deps.redact));
      } catch (error) {
        call.logger.error('the audit log cannot be written: write refused', { error });
        return {
          ok: false,
          code: 'AUDIT_UNAVAILABLE',
          text: `${call.tool.name} was not sent: the audit log cannot be written (see the server log); nothing was changed`,
        };
      }
      call.data.set(AUDIT_SENT, true);
      return next();
    },
  };
}
