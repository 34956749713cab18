import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  GetPromptRequestSchema,
  type GetPromptResult,
  ListPromptsRequestSchema,
  McpError,
  type Prompt,
} from '@modelcontextprotocol/sdk/types.js';
import type { Toolset } from '../catalog/toolset.js';
import type { PromptDefinition } from '../define/types.js';

/** A prompt's `prompts/list` entry: its arguments, each with whether it is required. */
export function promptListEntry(prompt: PromptDefinition): Prompt {
  return {
    name: prompt.name,
    title: prompt.title,
    description: prompt.description,
    arguments: Object.entries(prompt.args).map(([name, arg]) => ({
      name,
      description: arg.description,
      required: arg.required !== false,
    })),
  };
}

export function findPrompt(toolset: Toolset, name: string): PromptDefinition {
  const entry = toolset.prompts.find((p) => p.prompt.name === name);
  if (entry === undefined) throw new McpError(ErrorCode.InvalidParams, `Prompt ${name} not found`);
  return entry.prompt;
}

function renderPrompt(prompt: PromptDefinition, given: Readonly<Record<string, string>>): GetPromptResult {
  const missing = Object.entries(prompt.args)
    .filter(([name, arg]) => arg.required !== false && typeof given[name] !== 'string')
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new McpError(
      ErrorCode.InvalidParams,
      `Invalid arguments for prompt ${prompt.name}: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`,
    );
  }
  const values: Record<string, string> = {};
  for (const name of Object.keys(prompt.args)) {
    const value = given[name];
    if (typeof value === 'string') values[name] = value;
  }
  return { messages: [{ role: 'user', content: { type: 'text', text: prompt.render(values) } }] };
}

/** Serves `prompts/list` and `prompts/get` from the caller's toolset, read at each request (a reload swaps it). */
export function servePrompts(server: McpServer, options: { readonly toolset: () => Toolset }): void {
  server.server.registerCapabilities({ prompts: { listChanged: true } });
  server.server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: options.toolset().prompts.map((p) => promptListEntry(p.prompt)),
  }));
  server.server.setRequestHandler(GetPromptRequestSchema, async (request) =>
    renderPrompt(findPrompt(options.toolset(), request.params.name), request.params.arguments ?? {}),
  );
}
