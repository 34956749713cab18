import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CallOutcome } from '../calls/types.js';

/** The MCP result for an outcome: the structured value and its JSON (plus notes), or an error text. */
export function renderOutcome(outcome: CallOutcome): CallToolResult {
  if (!outcome.ok) return { content: [{ type: 'text', text: outcome.text }], isError: true };
  const content: CallToolResult['content'] = [
    { type: 'text', text: outcome.json ?? JSON.stringify(outcome.value) },
  ];
  for (const note of outcome.notes ?? []) content.push({ type: 'text', text: note });
  return { content, structuredContent: outcome.value };
}
