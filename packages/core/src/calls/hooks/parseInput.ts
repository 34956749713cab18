import type { z } from 'zod';
import { nestingDepth } from '../../security/boundedJson.js';
import { formatIssues } from '../../util/formatIssues.js';
import { callKey } from '../callData.js';
import type { CallHook } from '../types.js';

/** The parsed input, for hooks outside this one (the output budget's resume cursors). */
export const PARSED_INPUT = callKey<unknown>('input.parsed');

/** Deeper arguments are refused before any schema runs (no tool takes more than a few levels). */
export const MAX_ARGUMENT_DEPTH = 16;

/** `Invalid arguments for list_alerts: severities[0] must be one of CRITICAL, HIGH (got "BAD")`. */
export function describeInvalidArguments(toolName: string, error: z.core.$ZodError, schema: unknown): string {
  const parts = formatIssues(error, schema).map((i) =>
    i.path ? `${i.path} ${i.message}` : `arguments ${i.message}`,
  );
  return `Invalid arguments for ${toolName}: ${parts.join('; ')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the arguments with the tool's own schema; refuses input that is not an object or is nested too deep. */
export function parseInputHook(): CallHook {
  return {
    name: 'parse-input',
    phase: 'guard',
    async around(call, next) {
      const args = call.args ?? {};
      const refuse = (detail: string) => ({
        ok: false as const,
        code: 'USER_INPUT',
        text: `Invalid arguments for ${call.tool.name}: ${detail}`,
      });
      if (!isPlainObject(args)) return refuse('arguments must be an object');
      for (const [name, value] of Object.entries(args)) {
        if (nestingDepth(value, MAX_ARGUMENT_DEPTH) > MAX_ARGUMENT_DEPTH) {
          return refuse(`${name} is nested deeper than ${MAX_ARGUMENT_DEPTH} levels`);
        }
      }
      const parsed = call.tool.input.safeParse(args, { reportInput: true });
      if (!parsed.success) {
        return {
          ok: false,
          code: 'USER_INPUT',
          text: describeInvalidArguments(call.tool.name, parsed.error, call.tool.input),
        };
      }
      call.data.set(PARSED_INPUT, parsed.data);
      return next({ ...call, input: parsed.data });
    },
  };
}
