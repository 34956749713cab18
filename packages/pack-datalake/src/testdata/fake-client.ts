/** A small recording PantherClient and tool context for unit tests (not part of the build). */
import type { GraphQLRequestOptions, PantherClient, RestRequest, ToolContext } from '@mcp-panther/core';

export type FakeCall =
  | { readonly kind: 'rest'; readonly request: RestRequest }
  | {
      readonly kind: 'graphql';
      /** The operation name (`ExecuteDataLakeQuery`), taken from the document. */
      readonly operation: string;
      readonly document: string;
      readonly variables: Record<string, unknown>;
      readonly options: GraphQLRequestOptions | undefined;
    };

export type FakeResponder = (call: FakeCall) => unknown;

export interface FakeClient {
  readonly client: PantherClient;
  readonly calls: FakeCall[];
  /** Operation names of the GraphQL calls, in order. */
  readonly operations: () => string[];
}

function operationName(document: string): string {
  const words = document.trim().split(/[\s({]+/);
  return words[1] ?? '';
}

/** Each call is recorded, then answered by `respond` (return a value or a promise, or throw). */
export function createFakeClient(respond: FakeResponder): FakeClient {
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
        operation: operationName(document),
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
    operations: () => calls.flatMap((c) => (c.kind === 'graphql' ? [c.operation] : [])),
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

export interface TestContext {
  readonly context: ToolContext<never>;
  readonly progress: { progress: number; total?: number | undefined; message?: string | undefined }[];
  readonly abort: AbortController;
}

export function createContext(client: PantherClient): TestContext {
  const progress: TestContext['progress'] = [];
  const abort = new AbortController();
  const context: ToolContext<never> = {
    client,
    logger: silent,
    config: undefined as never,
    signal: abort.signal,
    async progress(value, total, message) {
      progress.push({ progress: value, total, message });
    },
    policy: { mode: 'read-only' },
  };
  return { context, progress, abort };
}

/** Parses raw arguments with the tool's schema (defaults applied), then runs its handler. */
export async function callTool(
  tool: {
    readonly input: { parse(value: unknown): unknown };
    handler(input: never, context: ToolContext<never>): Promise<unknown>;
  },
  args: Record<string, unknown>,
  context: ToolContext<never>,
): Promise<Record<string, unknown>> {
  const parsed = tool.input.parse(args) as never;
  return (await tool.handler(parsed, context)) as Record<string, unknown>;
}

/** A dataLakeQuery answer. */
export function queryState(
  id: string,
  status: 'running' | 'succeeded' | 'failed' | 'cancelled',
  results?: {
    rows: Record<string, unknown>[];
    hasNextPage?: boolean;
    endCursor?: string | null;
    rowCount?: number;
  },
  message = '',
) {
  return {
    dataLakeQuery: {
      id,
      status,
      message,
      results: results
        ? {
            edges: results.rows.map((node) => ({ node })),
            pageInfo: { hasNextPage: results.hasNextPage ?? false, endCursor: results.endCursor ?? null },
            columnInfo: {
              order: Object.keys(results.rows[0] ?? {}),
              types: Object.fromEntries(Object.keys(results.rows[0] ?? {}).map((k) => [k, 'string'])),
            },
            stats: {
              bytesScanned: 1024,
              executionTime: 12,
              rowCount: results.rowCount ?? results.rows.length,
            },
          }
        : null,
    },
  };
}
