/** A small recording PantherClient and tool context for unit tests (not part of the build). */
import type { GraphQLRequestOptions, PantherClient, RestRequest, ToolContext } from '@mcp-panther/core';

export type FakeCall =
  | { readonly kind: 'rest'; readonly request: RestRequest }
  | {
      readonly kind: 'graphql';
      readonly document: string;
      readonly variables: unknown;
      readonly options: GraphQLRequestOptions | undefined;
    };

export type FakeResponder = (call: FakeCall) => unknown;

export interface FakeClient {
  readonly client: PantherClient;
  readonly calls: FakeCall[];
  readonly restCalls: () => RestRequest[];
  readonly invalidated: string[][];
}

/** Each call is recorded, then answered by `respond` (return a value or a promise, or throw). */
export function createFakeClient(respond: FakeResponder): FakeClient {
  const calls: FakeCall[] = [];
  const invalidated: string[][] = [];
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
      const call: FakeCall = { kind: 'graphql', document, variables, options };
      calls.push(call);
      return (await respond(call)) as T;
    },
    invalidate(tags) {
      invalidated.push([...tags]);
    },
    async close() {},
  };
  return {
    client,
    calls,
    invalidated,
    restCalls: () => calls.flatMap((c) => (c.kind === 'rest' ? [c.request] : [])),
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

export function createContext(client: PantherClient): ToolContext<never> {
  return {
    client,
    logger: silent,
    config: undefined as never,
    signal: new AbortController().signal,
    progress: async () => {},
    policy: { mode: 'read-write' },
  };
}

/** Parses raw arguments with the tool's schema (defaults applied), then runs its handler. */
export async function callTool(
  tool: {
    readonly input: { parse(value: unknown): unknown };
    handler(input: never, context: ToolContext<never>): Promise<unknown>;
  },
  args: Record<string, unknown>,
  client: PantherClient,
): Promise<Record<string, unknown>> {
  const parsed = tool.input.parse(args) as never;
  return (await tool.handler(parsed, createContext(client))) as Record<string, unknown>;
}
