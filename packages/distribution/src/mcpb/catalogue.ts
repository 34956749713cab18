import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** What a bundle's manifest lists: every tool and prompt the command can serve, as it describes them. */
export interface Catalogue {
  readonly tools: readonly { name: string; description: string }[];
  readonly prompts: readonly { name: string; description: string; arguments: string[]; text: string }[];
}

/**
 * The first sentence of a description (the manifest's lists are read by people choosing an extension): up to a
 * full stop that ends the text or comes before a capital letter, and is not that of "e.g." or "i.e.".
 */
export function firstSentence(description: string): string {
  const match = /^[\s\S]*?(?<!\be\.g|\bi\.e)[.!?](?=\s+[A-Z]|\s*$)/.exec(description.trim());
  return (match?.[0] ?? description).replace(/\s+/g, ' ').trim();
}

/**
 * Asks the built command itself, over MCP: started on its sandbox in read-write mode (so that write tools are
 * listed too) from an empty folder with a clean environment (no config file, no Panther of the person building).
 * A prompt's text is rendered with `${arguments.NAME}` for each argument, the manifest's placeholder syntax.
 */
export async function readCatalogue(bin: string): Promise<Catalogue> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'mcp-panther-catalogue-'));
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: cwd,
    TMPDIR: tmpdir(),
    MCP_PANTHER_MODE: 'read-write',
    MCP_PANTHER_SANDBOX_EVENTS: '500',
    LOG_LEVEL: 'error',
  };
  const client = new Client({ name: 'mcp-panther-mcpb-build', version: '1.0.0' });
  try {
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [bin], env, cwd, stderr: 'ignore' }),
    );
    const tools = (await client.listTools()).tools.map((tool) => ({
      name: tool.name,
      description: firstSentence(tool.description ?? tool.name),
    }));
    const prompts = [];
    for (const prompt of (await client.listPrompts()).prompts) {
      const names = (prompt.arguments ?? []).map((a) => a.name);
      const rendered = await client.getPrompt({
        name: prompt.name,
        arguments: Object.fromEntries(names.map((name) => [name, `\${arguments.${name}}`])),
      });
      const text = rendered.messages
        .map((message) => (message.content.type === 'text' ? message.content.text : ''))
        .join('\n\n');
      prompts.push({
        name: prompt.name,
        description: prompt.description ?? prompt.name,
        arguments: names,
        text,
      });
    }
    return { tools, prompts };
  } finally {
    await client.close();
    await rm(cwd, { recursive: true, force: true });
  }
}
