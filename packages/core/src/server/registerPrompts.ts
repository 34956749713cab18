import type { PantherClient } from '@mcp-panther/client';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Logger } from '../define/types.js';
import type { PromptEntry } from '../policy/filterTools.js';

const COMPLETION_TIMEOUT_MS = 5_000;

/** Registers pack prompts; an argument with a `complete` function gets MCP completion. */
export function registerPrompts(
  server: McpServer,
  prompts: readonly PromptEntry[],
  deps: { readonly client: PantherClient; readonly logger: Logger },
): void {
  for (const { prompt, pack } of prompts) {
    const shape: Record<string, z.ZodType<string | undefined>> = {};
    for (const [name, arg] of Object.entries(prompt.args)) {
      const described = z.string().describe(arg.description);
      // The completion marker must sit on the outermost schema: the SDK does not look inside `.optional()`.
      const schema: z.ZodType<string | undefined> = arg.required === false ? described.optional() : described;
      const complete = prompt.complete?.[name];
      shape[name] = complete
        ? completable(schema, async (value) => {
            try {
              const signal = AbortSignal.timeout(COMPLETION_TIMEOUT_MS);
              return [
                ...(await complete(typeof value === 'string' ? value : '', { client: deps.client, signal })),
              ];
            } catch (error) {
              deps.logger.warn('prompt completion failed', {
                pack: pack.pack.id,
                prompt: prompt.name,
                error,
              });
              return [];
            }
          })
        : schema;
    }
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: shape },
      (args: Record<string, string | undefined>) => {
        const values: Record<string, string> = {};
        for (const [key, value] of Object.entries(args)) if (typeof value === 'string') values[key] = value;
        return { messages: [{ role: 'user', content: { type: 'text', text: prompt.render(values) } }] };
      },
    );
  }
}
