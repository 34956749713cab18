import type { PantherClient } from '@mcp-panther/client';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmWrites } from '../config/schema.js';
import type { AnyTool, Logger, PolicyMode } from '../define/types.js';
import type { PreparedTemplate } from '../server/resourceTemplates.js';
import type { ValidatedPack } from '../types.js';
import type { PromptEntry, ToolEntry } from './filterTools.js';
import { toolJsonSchema } from './jsonSchema.js';

/** A pack's own scope: its child logger and validated config. */
export interface PackScope {
  readonly logger: Logger;
  readonly config: unknown;
}

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
  packScope: (pack: ValidatedPack) => PackScope,
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
