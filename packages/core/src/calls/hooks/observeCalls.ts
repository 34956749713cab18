import type { CallHook, CallOutcome, ToolCall } from '../types.js';

/** Told about every finished call (metrics, debug lines). Must not throw; must be cheap. */
export type CallObserver = (call: ToolCall, outcome: CallOutcome, durationMs: number) => void;

/**
 * A hook of the `observe` phase that times every call and tells `observe` how it ended: the way to watch calls
 * (what telemetry registers for its metrics). An observer that throws is logged; the call is not affected.
 */
export function observeCalls(name: string, observe: CallObserver): CallHook {
  return {
    name,
    phase: 'observe',
    async around(call, next) {
      const started = performance.now();
      const outcome = await next();
      try {
        observe(call, outcome, performance.now() - started);
      } catch (error) {
        call.logger.warn('a call observer failed', { observer: name, error });
      }
      return outcome;
    },
  };
}

/** The per-call debug line. */
export const debugLineObserver: CallObserver = (call, outcome, durationMs) => {
  call.logger.debug('tool call', {
    outcome: outcome.ok ? 'ok' : 'error',
    ...(outcome.ok ? {} : { code: outcome.code }),
    durationMs: Math.round(durationMs),
  });
};
