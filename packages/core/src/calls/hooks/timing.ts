import type { CallHook, CallOutcome, ToolCall } from '../types.js';

/** Told about every finished call (metrics, debug lines). Must not throw; must be cheap. */
export type CallObserver = (call: ToolCall, outcome: CallOutcome, durationMs: number) => void;

/** Times every call and tells the observers how it ended. With no observers it costs nothing. */
export function timingHook(observers: readonly CallObserver[]): CallHook {
  return {
    name: 'timing',
    async around(call, next) {
      if (observers.length === 0) return next();
      const started = performance.now();
      const outcome = await next();
      const durationMs = performance.now() - started;
      for (const observe of observers) {
        try {
          observe(call, outcome, durationMs);
        } catch (error) {
          call.logger.warn('a call observer failed', { error });
        }
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
