import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CompleteRequestSchema,
  type CompleteResult,
  ErrorCode,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { Toolset } from '../catalog/toolset.js';
import type { Logger } from '../define/types.js';
import { findPrompt } from './servePrompts.js';

const COMPLETION_TIMEOUT_MS = 5_000;
/** MCP allows at most 100 values in one completion. */
const MAX_VALUES = 100;

type Completer = (value: string, signal: AbortSignal) => Promise<readonly string[]> | readonly string[];

/** The completer's values, or the signal's reason once it aborts (a completer that ignores its signal included). */
function within(
  signal: AbortSignal,
  work: Promise<readonly string[]> | readonly string[],
): Promise<readonly string[]> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(work).then(
      (values) => {
        signal.removeEventListener('abort', onAbort);
        resolve(values);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function result(values: readonly string[]): CompleteResult {
  return {
    completion: {
      values: values.slice(0, MAX_VALUES),
      total: values.length,
      hasMore: values.length > MAX_VALUES,
    },
  };
}

/** The completer for one argument of a prompt or one variable of a resource template (undefined: none). */
function completerFor(
  toolset: Toolset,
  ref: { type: string; name?: string; uri?: string },
  argument: string,
  context: Readonly<Record<string, string>>,
): Completer | undefined {
  const { client } = toolset;
  if (ref.type === 'ref/prompt') {
    const complete = findPrompt(toolset, ref.name ?? '').complete?.[argument];
    return complete && ((value, signal) => complete(value, { client, signal }));
  }
  const prepared = toolset.templates.find((t) => t.template.uriTemplate === ref.uri);
  if (prepared === undefined) {
    throw new McpError(ErrorCode.InvalidParams, `Resource template ${ref.uri} not found`);
  }
  const complete = prepared.template.complete?.[argument];
  if (complete) return (value, signal) => complete(value, { client, signal, arguments: context });
  const allowed = prepared.template.values?.[argument];
  return allowed && ((value) => allowed.filter((v) => v.toLowerCase().startsWith(value.toLowerCase())));
}

/**
 * Serves `completion/complete` for prompt arguments and resource template variables of the caller's toolset.
 * A completer that fails or takes longer than 5 s gives no values (and a warning in the log), never an error.
 */
export function serveCompletions(
  server: McpServer,
  options: { readonly toolset: () => Toolset; readonly logger: Logger },
): void {
  server.server.registerCapabilities({ completions: {} });
  server.server.setRequestHandler(CompleteRequestSchema, async (request, extra) => {
    const { ref, argument, context } = request.params;
    const complete = completerFor(options.toolset(), ref, argument.name, context?.arguments ?? {});
    if (complete === undefined) return result([]);
    try {
      const signal = AbortSignal.any([extra.signal, AbortSignal.timeout(COMPLETION_TIMEOUT_MS)]);
      const values = await within(signal, complete(argument.value, signal));
      return result(values.filter((v): v is string => typeof v === 'string'));
    } catch (error) {
      options.logger.warn('completion failed', {
        ref: ref.type === 'ref/prompt' ? ref.name : ref.uri,
        argument: argument.name,
        error,
      });
      return result([]);
    }
  });
}
