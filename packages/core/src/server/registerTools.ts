import type { PantherClient } from '@mcp-panther/client';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { renderOutcome } from '../calls/runCall.js';
import type { CallOutcome, ToolCall } from '../calls/types.js';
import type { ConfirmWrites } from '../config/schema.js';
import type { AnyTool, Logger, PolicyMode } from '../define/types.js';
import type { PromptEntry, ToolEntry } from '../policy/filterTools.js';
import type { ValidatedPack } from '../types.js';
import { toolJsonSchema } from './jsonSchema.js';
import { newToolCall, type SessionContext } from './newToolCall.js';
import type { PreparedTemplate } from './resourceTemplates.js';

/** A tool ready to serve: its entry, the definition `tools/list` advertises, its logger and its pack's config. */
export interface PreparedTool {
  readonly entry: ToolEntry;
  readonly definition: Tool;
  readonly logger: Logger;
  readonly packConfig: unknown;
}

/**
 * What one caller may use: the tools (by name, in list order), the prompts and resource templates that go with
 * them, the client for its Panther token, and the policy that applies at call time.
 */
export interface Toolset {
  readonly tools: ReadonlyMap<string, PreparedTool>;
  readonly definitions: readonly Tool[];
  readonly client: PantherClient;
  readonly mode: PolicyMode;
  readonly confirmWrites: ConfirmWrites;
  readonly prompts: readonly PromptEntry[];
  /** Only templates whose tool is in `tools`: a template is offered exactly where its tool is. */
  readonly templates: readonly PreparedTemplate[];
}

/** A tool's `tools/list` entry: title, description, derived annotations, compact JSON Schemas. */
export function toolDefinition(tool: AnyTool): Tool & { title: string; description: string } {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: toolJsonSchema(tool.input, 'input') as Tool['inputSchema'],
    ...(tool.output ? { outputSchema: toolJsonSchema(tool.output, 'output') as Tool['outputSchema'] } : {}),
    annotations: { ...tool.annotations },
  };
}

/** Computes each tool's advertised definition and binds its logger and pack config. */
export function prepareTools(
  entries: readonly ToolEntry[],
  packScope: (pack: ValidatedPack) => { readonly logger: Logger; readonly config: unknown },
): PreparedTool[] {
  return entries.map((entry) => {
    const scope = packScope(entry.pack);
    return {
      entry,
      definition: toolDefinition(entry.tool),
      logger: scope.logger.child({ tool: entry.tool.name }),
      packConfig: scope.config,
    };
  });
}

/** One caller's toolset from prepared tools (computed once and shared by every session of that caller's kind). */
export function createToolset(options: {
  readonly tools: readonly PreparedTool[];
  readonly client: PantherClient;
  readonly mode: PolicyMode;
  readonly confirmWrites: ConfirmWrites;
  readonly prompts?: readonly PromptEntry[] | undefined;
  readonly templates?: readonly PreparedTemplate[] | undefined;
}): Toolset {
  const tools = new Map(options.tools.map((t) => [t.definition.name, t]));
  return {
    tools,
    definitions: options.tools.map((t) => t.definition),
    client: options.client,
    mode: options.mode,
    confirmWrites: options.confirmWrites,
    prompts: options.prompts ?? [],
    templates: (options.templates ?? []).filter((t) => tools.has(t.template.tool)),
  };
}

/** Builds (and memoizes) the JSON Schemas of every tool of the enabled packs, e.g. while start-up waits. */
export function warmToolSchemas(packs: readonly ValidatedPack[]): void {
  for (const { pack, enabled } of packs) {
    if (!enabled) continue;
    for (const tool of pack.tools) {
      try {
        toolJsonSchema(tool.input, 'input');
        if (tool.output) toolJsonSchema(tool.output, 'output');
      } catch {
        // prepareTools reports it, for the tools that are registered.
      }
    }
  }
}

const unknownTool = (name: string): CallToolResult => ({
  content: [{ type: 'text', text: `MCP error -32602: Tool ${name} not found` }],
  isError: true,
});

/**
 * Serves `tools/list` and `tools/call` on an McpServer from a toolset read at each request (so a reload can swap
 * it). A tool that is not in the toolset does not exist for the client: calling it fails as unknown. Every call
 * runs through the host's call hooks.
 */
export function registerTools(
  server: McpServer,
  options: Omit<SessionContext, 'server'> & {
    readonly toolset: () => Toolset;
    readonly run: (call: ToolCall) => Promise<CallOutcome>;
  },
): void {
  const session: SessionContext = { server, caller: options.caller, logging: options.logging };
  server.server.registerCapabilities({ tools: { listChanged: true } });
  server.server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: options.toolset().definitions as Tool[],
  }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const toolset = options.toolset();
    const prepared = toolset.tools.get(request.params.name);
    if (prepared === undefined) return unknownTool(request.params.name);
    const call = newToolCall(session, toolset, prepared, {
      args: request.params.arguments ?? {},
      meta: request.params._meta,
      extra,
    });
    return renderOutcome(await options.run(call));
  });
}
