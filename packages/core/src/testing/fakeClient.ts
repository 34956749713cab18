import {
  emptyClientStats,
  type GraphQLRequestOptions,
  type PantherClient,
  type RestRequest,
} from '@mcp-panther/client';
import { contentResultSchema, isContentOutput } from '../define/content.js';
import type { AnyTool, Logger, ToolContext } from '../define/types.js';
import { McpHostError } from '../errors.js';
import {
  createOwnerRecords,
  type OwnerRecords,
  ownershipFor,
  toolCaller,
} from '../ownership/ownerRecords.js';
import type { Caller } from '../types.js';

/** A REST call the fake client received. */
export interface FakeRestCall {
  readonly kind: 'rest';
  readonly request: RestRequest;
}

/** A GraphQL call the fake client received. */
export interface FakeGraphQLCall {
  readonly kind: 'graphql';
  /** The operation name (`GetAlert` for `query GetAlert(...)`), or `''` for an anonymous document. */
  readonly operation: string;
  readonly document: string;
  /** The variables as passed (`{}` when none were). */
  readonly variables: Record<string, unknown>;
  readonly options: GraphQLRequestOptions | undefined;
}

export type FakeCall = FakeRestCall | FakeGraphQLCall;

/** Answers one call: return a value (or a promise of one), or throw (a `PantherApiError`, say). */
export type FakeResponder = (call: FakeCall) => unknown;

export interface FakeClient {
  /** The `PantherClient` to hand to a tool (or to `createTestHost({ panther: { client } })`). */
  readonly client: PantherClient;
  /** Every call, in order. */
  readonly calls: FakeCall[];
  /** The REST requests, in order. */
  restCalls(): RestRequest[];
  /** The GraphQL calls, in order. */
  graphqlCalls(): FakeGraphQLCall[];
  /** The tags of each `client.invalidate(tags)` call, in order. */
  readonly invalidated: string[][];
}

function operationName(document: string): string {
  return /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1] ?? '';
}

/**
 * A `PantherClient` that records each call, then answers it with `respond` (by default `{}`). No network,
 * no cache, no retries: what a tool sends is exactly what `calls` holds.
 *
 * ```ts
 * const fake = createFakeClient((call) => (call.kind === 'rest' ? { results: [] } : {}));
 * await runTool(listThings, { limit: 5 }, fake);
 * expect(fake.restCalls()[0]?.query).toEqual({ limit: 5 });
 * ```
 */
export function createFakeClient(respond: FakeResponder = () => ({})): FakeClient {
  const calls: FakeCall[] = [];
  const invalidated: string[][] = [];
  const client: PantherClient = {
    urls: { rest: 'http://127.0.0.1:1', graphql: 'http://127.0.0.1:1/public/graphql' },
    stats: emptyClientStats(),
    async rest<T>(request: RestRequest): Promise<T> {
      const call: FakeRestCall = { kind: 'rest', request };
      calls.push(call);
      return (await respond(call)) as T;
    },
    async graphql<T, V extends object>(document: string, variables?: V, options?: GraphQLRequestOptions) {
      const call: FakeGraphQLCall = {
        kind: 'graphql',
        operation: operationName(document),
        document,
        variables: (variables ?? {}) as Record<string, unknown>,
        options,
      };
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
    graphqlCalls: () => calls.flatMap((c) => (c.kind === 'graphql' ? [c] : [])),
  };
}

const silent: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silent,
};

export interface ToolContextOptions<Config = never> {
  /** The request's signal; by default one that never aborts. */
  readonly signal?: AbortSignal;
  /** Receives each `context.progress(progress, total, message)` call; by default progress goes nowhere. */
  readonly onProgress?: (progress: number, total?: number, message?: string) => unknown;
  /** The pack config the handler sees as `context.config`. */
  readonly config?: Config;
  /** Answers `context.elicit`; without it the context says it cannot ask (`canElicit` false) and `elicit` throws. */
  readonly onElicit?: ToolContext['elicit'];
  /** Answers `context.sample`; without it `canSample` is false and `sample` throws. */
  readonly onSample?: ToolContext['sample'];
  /** Receives each `context.resourceUpdated(uri)` call. */
  readonly onResourceUpdated?: (uri: string) => unknown;
  /**
   * Who calls, as a server with `server.auth` would name them (`{ id: 'u-ann', name: 'ann', credential: 'oauth' }`);
   * by default the one local caller of a stdio server, who may use every id.
   */
  readonly caller?: Caller;
  /**
   * The host's owner records behind `context.ownership`: pass one `createOwnerRecords()` to the contexts of two
   * callers to see one refused the other's ids. By default a fresh set.
   */
  readonly ownerRecords?: OwnerRecords;
}

/**
 * The `ToolContext` the host would pass a handler: this client, a silent logger, a read-write policy, the caller
 * (the local one by default) and owner records.
 */
export function createToolContext<Config = never>(
  client: PantherClient,
  options: ToolContextOptions<Config> = {},
): ToolContext<Config> {
  const { onProgress, onElicit, onSample, onResourceUpdated, caller } = options;
  const ownerRecords = options.ownerRecords ?? createOwnerRecords({});
  return {
    client,
    logger: silent,
    config: options.config as Config,
    signal: options.signal ?? new AbortController().signal,
    progress: onProgress
      ? async (...update) => {
          await onProgress(...update);
        }
      : async () => {},
    policy: { mode: 'read-write' },
    caller: toolCaller(caller),
    ownership: ownershipFor(ownerRecords, caller),
    canElicit: onElicit !== undefined,
    canSample: onSample !== undefined,
    elicit: async (request) => {
      if (onElicit === undefined)
        throw new McpHostError('TOOL_FAILED', 'this test context cannot ask (no onElicit)');
      return onElicit(request);
    },
    sample: async (request) => {
      if (onSample === undefined)
        throw new McpHostError('TOOL_FAILED', 'this test context offers no sampling (no onSample)');
      return onSample(request);
    },
    resourceUpdated: async (uri) => {
      await onResourceUpdated?.(uri);
    },
  };
}

export interface RunToolOptions<Config = never> extends ToolContextOptions<Config> {
  /** The client the handler calls. A `FakeClient` (from `createFakeClient`) can be passed as the options as is. */
  readonly client: PantherClient;
}

/**
 * Runs one tool's handler as the host would, without the host: parses the raw arguments with the tool's input
 * schema (defaults applied; a parse failure throws the `ZodError`), calls the handler, and when the tool has an
 * output schema checks the result against it (a mismatch throws); a tool that returns content blocks has them
 * checked the same way.
 */
export async function runTool<Config = never>(
  tool: AnyTool,
  args: Record<string, unknown>,
  options: RunToolOptions<Config>,
): Promise<Record<string, unknown>> {
  const input = tool.input.parse(args);
  const result = (await tool.handler(input, createToolContext(options.client, options))) as Record<
    string,
    unknown
  >;
  if (isContentOutput(tool.output)) contentResultSchema.parse(result);
  else if (tool.output) tool.output.parse(result);
  return result;
}
