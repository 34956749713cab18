/** A small recording PantherClient and a tool runner for unit tests (not part of the build). */
import type {
  AnyTool,
  GraphQLRequestOptions,
  PantherClient,
  PromptContext,
  RestRequest,
  ToolContext,
} from '@mcp-panther/core';
import { PantherApiError } from '@mcp-panther/core';

export type FakeCall =
  | { readonly kind: 'rest'; readonly request: RestRequest }
  | {
      readonly kind: 'graphql';
      readonly document: string;
      readonly variables: Record<string, unknown>;
      readonly options: GraphQLRequestOptions | undefined;
    };

/** Answers a call: return a value (or a promise of one), or throw. */
export type FakeResponder = (call: FakeCall) => unknown;

export interface FakeClient {
  readonly client: PantherClient;
  readonly calls: FakeCall[];
  /** The REST requests, in order. */
  rest(): RestRequest[];
  /** The GraphQL calls, in order. */
  graphql(): Extract<FakeCall, { kind: 'graphql' }>[];
}

export function createFakeClient(respond: FakeResponder = () => ({})): FakeClient {
  const calls: FakeCall[] = [];
  const client: PantherClient = {
    urls: { rest: 'http://127.0.0.1:1', graphql: 'http://127.0.0.1:1/public/graphql' },
    stats: {
      upstreamCalls: 0,
      cacheHits: 0,
      coalesced: 0,
      retries: 0,
      throttledWaits: 0,
      inFlight: 0,
      maxInFlight: 0,
    },
    async rest<T>(request: RestRequest): Promise<T> {
      const call: FakeCall = { kind: 'rest', request };
      calls.push(call);
      return (await respond(call)) as T;
    },
    async graphql<T, V extends object>(document: string, variables?: V, options?: GraphQLRequestOptions) {
      const call: FakeCall = {
        kind: 'graphql',
        document,
        variables: (variables ?? {}) as Record<string, unknown>,
        options,
      };
      calls.push(call);
      return (await respond(call)) as T;
    },
    invalidate() {},
    async close() {},
  };
  return {
    client,
    calls,
    rest: () => calls.flatMap((c) => (c.kind === 'rest' ? [c.request] : [])),
    graphql: () => calls.flatMap((c) => (c.kind === 'graphql' ? [c] : [])),
  };
}

const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silent;
  },
};

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly progress?: ToolContext['progress'];
}

/**
 * Runs a tool as the host does: parses the raw arguments with the tool's input schema (defaults applied,
 * a parse failure throws), calls the handler, and checks the result against the output schema when there is one.
 */
export async function runTool(
  tool: AnyTool,
  args: Record<string, unknown>,
  client: PantherClient,
  options: RunOptions = {},
): Promise<Record<string, unknown>> {
  const input = tool.input.parse(args);
  const context: ToolContext<never> = {
    client,
    logger: silent,
    config: undefined as never,
    signal: options.signal ?? new AbortController().signal,
    progress: options.progress ?? (async () => {}),
    policy: { mode: 'read-write' },
  };
  const result = (await tool.handler(input, context)) as Record<string, unknown>;
  if (tool.output) tool.output.parse(result);
  return result;
}

/** The input schema's verdict on raw arguments: the first issue's message and path, or undefined when valid. */
export function inputIssue(
  tool: AnyTool,
  args: Record<string, unknown>,
): { path: string; message: string } | undefined {
  const parsed = tool.input.safeParse(args);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return { path: issue?.path.join('.') ?? '', message: issue?.message ?? '' };
}

export const promptContext = (client: PantherClient): PromptContext => ({
  client,
  signal: new AbortController().signal,
});

export const notFound = (message = 'Not Found') => new PantherApiError('NOT_FOUND', message, { status: 404 });
