import type { CallHook, CallOutcome, ToolCall } from '../types.js';

function duration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

function timedOut(call: ToolCall, ms: number): CallOutcome {
  const what = `${call.tool.name} was stopped after ${duration(ms)}, its time limit (policy.toolTimeouts)`;
  return {
    ok: false,
    code: 'TOOL_TIMEOUT',
    text:
      call.tool.access === 'write'
        ? `${what}; Panther may have applied the change already: check before trying again`
        : `${what}; ask for less (a narrower filter, a shorter time range or a smaller page) or try again later`,
  };
}

/**
 * Per-tool time limits (`policy.toolTimeouts`): the tool runs with a signal that also fires when its time is up
 * (every Panther request it makes is cancelled then) and a deadline, and the call ends with TOOL_TIMEOUT at the
 * limit even if the tool does not stop. In the `send` phase, after the audit intent: the limit counts the tool's
 * own time, not the time a person takes to confirm a write.
 */
export function toolTimeoutHook(): CallHook {
  return {
    name: 'tool-timeout',
    phase: 'send',
    async around(call, next) {
      const ms = call.timeoutMs;
      if (ms === undefined) return next();
      const limit = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<CallOutcome>((resolve) => {
        timer = setTimeout(() => {
          limit.abort(new Error(`${call.tool.name} reached its time limit`));
          resolve(timedOut(call, ms));
        }, ms);
      });
      const deadline = Date.now() + ms;
      const running = next({
        ...call,
        signal: AbortSignal.any([call.signal, limit.signal]),
        deadline: call.deadline === undefined ? deadline : Math.min(call.deadline, deadline),
      });
      // A tool that ignores its signal may still settle after the limit answered: that is not an unhandled error.
      running.catch(() => {});
      try {
        const outcome = await Promise.race([running, expired]);
        // A tool that stopped because its time was up failed with an abort: say why it was stopped.
        return limit.signal.aborted && !outcome.ok ? timedOut(call, ms) : outcome;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
