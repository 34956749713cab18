import type { AuditSink } from '../audit/auditSink.js';
import type { Redactor } from '../security/redact.js';
import type { SessionFlags } from '../untrusted/sessionFlags.js';
import { auditIntentHook, auditOutcomeHook } from './hooks/audit.js';
import { checkPolicyHook } from './hooks/checkPolicy.js';
import { confirmWritesHook } from './hooks/confirmWrites.js';
import { escapeHiddenHook, fenceUntrustedHook } from './hooks/fenceUntrusted.js';
import { guardAfterFlagHook } from './hooks/guardAfterFlag.js';
import { limitOutputHook, type OutputLimits } from './hooks/limitOutput.js';
import { mapErrorsHook } from './hooks/mapErrors.js';
import { debugLineObserver, observeCalls } from './hooks/observeCalls.js';
import { parseInputHook } from './hooks/parseInput.js';
import { toolTimeoutHook } from './hooks/toolTimeout.js';
import { unescapeArgumentsHook } from './hooks/unescapeArguments.js';
import type { CallHook } from './types.js';

export interface DefaultHookDeps {
  readonly auditSink: AuditSink;
  readonly redact: Redactor;
  readonly limits: OutputLimits;
  /** Log a line per call (at `debug` level). */
  readonly debugLine: boolean;
  /** How long a person has to confirm a write (default 10 minutes). */
  readonly confirmTimeoutMs?: number | undefined;
  /** Which sessions were shown a flagged value (one per host). */
  readonly sessionFlags: SessionFlags;
}

/**
 * The host's hooks around every tool call, by phase (outermost first):
 * observe (the debug line) → output (flags and marks on untrusted text, redaction and output limits, hidden text
 * escaped) → audit (the outcome of a write) → guard (policy, escaped ids taken back, input, the guard of sessions
 * shown flagged text, confirmation) → send (the intent of a write, the tool's time limit) → invoke (error mapping)
 * → the tool. Input is refused before anything is audited as sent; the person confirms exactly the parsed input
 * that will be sent; a write's intent is on disk before the tool runs; every result and error text passes
 * redaction and the size limit on its way out.
 */
export function defaultCallHooks(deps: DefaultHookDeps): CallHook[] {
  const audit = { sink: deps.auditSink, redact: deps.redact };
  return [
    ...(deps.debugLine ? [observeCalls('debug-line', debugLineObserver)] : []),
    fenceUntrustedHook({ flags: deps.sessionFlags }),
    limitOutputHook({ redact: deps.redact, limits: deps.limits }),
    escapeHiddenHook(),
    auditOutcomeHook(audit),
    checkPolicyHook(),
    unescapeArgumentsHook(),
    parseInputHook(),
    guardAfterFlagHook({ flags: deps.sessionFlags }),
    confirmWritesHook({ redact: deps.redact, timeoutMs: deps.confirmTimeoutMs }),
    auditIntentHook(audit),
    toolTimeoutHook(),
    mapErrorsHook(),
  ];
}
