import { randomBytes } from 'node:crypto';
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
import { contentBlockSchema } from '../define/content.js';
import type { Logger, PromptDefinition } from '../define/types.js';
import { formatIssues } from '../util/formatIssues.js';

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

const renderedBlocks = contentBlockSchema.array();

/** A prompt's messages: one user message of text, or one per content block (checked before they are sent). */
function promptMessages(
  prompt: PromptDefinition,
  rendered: unknown,
  logger: Logger,
): GetPromptResult['messages'] {
  if (typeof rendered === 'string') return [{ role: 'user', content: { type: 'text', text: rendered } }];
  const checked = renderedBlocks.safeParse(rendered, { reportInput: true });
  if (!checked.success) {
    const ref = randomBytes(4).toString('hex');
    logger.error('prompt rendered something other than text or content blocks', {
      ref,
      prompt: prompt.name,
      issues: formatIssues(checked.error, renderedBlocks),
    });
    throw new McpError(
      ErrorCode.InternalError,
      `Prompt ${prompt.name} failed (reference ${ref} in the server log)`,
    );
  }
  return checked.data.map((content) => ({ role: 'user' as const, content }));
}

function renderPrompt(
  prompt: PromptDefinition,
  given: Readonly<Record<string, string>>,
  logger: Logger,
): GetPromptResult {
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
  return { messages: promptMessages(prompt, prompt.render(values), logger) };
}

/** Serves `prompts/list` and `prompts/get` from the caller's toolset, read at each request (a reload swaps it). */
export function servePrompts(
  server: McpServer,
  options: { readonly toolset: () => Toolset; readonly logger: Logger },
): void {
  server.server.registerCapabilities({ prompts: { listChanged: true } });
  server.server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: options.toolset().prompts.map((p) => promptListEntry(p.prompt)),
  }));
  server.server.setRequestHandler(GetPromptRequestSchema, async (request) =>
    renderPrompt(
      findPrompt(options.toolset(), request.params.name),
      request.params.arguments ?? {},
      options.logger,
    ),
  );
}
