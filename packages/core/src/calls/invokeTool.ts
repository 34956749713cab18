import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { contentResultSchema, isContentOutput } from '../define/content.js';
import type { ToolContext } from '../define/types.js';
import { McpHostError } from '../errors.js';
import { ownershipFor, toolCaller } from '../ownership/ownerRecords.js';
import { formatIssues } from '../util/formatIssues.js';
import type { CallOutcome, ToolCall } from './types.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a handler sees: small and required on purpose (packs never see the host's parts). */
function toolContext(call: ToolCall): ToolContext<unknown> {
  const progressToken = (call.meta as { progressToken?: string | number } | undefined)?.progressToken;
  return {
    client: call.client,
    logger: call.logger,
    config: call.packConfig,
    signal: call.signal,
    policy: { mode: call.mode },
    caller: toolCaller(call.caller),
    ownership: ownershipFor(call.owners, call.caller),
    canElicit: call.elicit !== undefined,
    canSample: call.sample !== undefined,
    async elicit(request) {
      if (call.elicit === undefined) {
        throw new McpHostError(
          'TOOL_FAILED',
          `${call.tool.name} needs to ask you, and this client cannot be asked (no form elicitation)`,
        );
      }
      return call.elicit(request);
    },
    async sample(request) {
      if (call.sample === undefined) {
        throw new McpHostError(
          'TOOL_FAILED',
          `${call.tool.name} needs the client's model, and this client offers no sampling`,
        );
      }
      return call.sample(request);
    },
    resourceUpdated: (uri) => call.resourceUpdated(uri),
    async progress(progress, total, message) {
      if (progressToken === undefined) return;
      await call.notify({
        method: 'notifications/progress',
        params: {
          progressToken,
          progress,
          ...(total === undefined ? {} : { total }),
          ...(message === undefined ? {} : { message }),
        },
      });
    },
  };
}

/** The outcome of a result that does not match what the tool declares: logged in full, a reference for the model. */
function mismatch(call: ToolCall, schema: z.ZodType, error: z.core.$ZodError): CallOutcome {
  const ref = randomBytes(4).toString('hex');
  call.logger.error('tool result does not match its output schema', {
    ref,
    code: 'INTERNAL',
    issues: formatIssues(error, schema),
  });
  return {
    ok: false,
    code: 'INTERNAL',
    text: `${call.tool.name} failed with an internal error (reference ${ref} in the server log)`,
  };
}

/**
 * The innermost step: runs the handler with the parsed input and checks its result against the tool's output
 * schema (or, for a tool that returns content, that it is well-formed content blocks). What the handler throws is
 * left to the error-mapping hook.
 */
export async function invokeTool(call: ToolCall): Promise<CallOutcome> {
  const { tool } = call;
  const value: unknown = await tool.handler(call.input, toolContext(call));
  if (isContentOutput(tool.output)) {
    const checked = contentResultSchema.safeParse(value, { reportInput: true });
    return checked.success
      ? { ok: true, value: checked.data }
      : mismatch(call, contentResultSchema, checked.error);
  }
  const structured: Record<string, unknown> = isPlainObject(value) ? value : { result: value ?? null };
  if (!tool.output) return { ok: true, value: structured };
  const checked = tool.output.safeParse(structured, { reportInput: true });
  if (checked.success) return { ok: true, value: checked.data as Record<string, unknown> };
  return mismatch(call, tool.output, checked.error);
}
