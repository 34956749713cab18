import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CallOutcome } from '../calls/types.js';
import { type ContentResult, isContentOutput } from '../define/content.js';
import type { AnyTool } from '../define/types.js';

/**
 * The MCP result for an outcome: the structured value and its JSON (plus notes), the content blocks of a tool that
 * returns content (plus notes), or an error text.
 */
export function renderOutcome(outcome: CallOutcome, tool: AnyTool): CallToolResult {
  if (!outcome.ok) return { content: [{ type: 'text', text: outcome.text }], isError: true };
  const notes = (outcome.notes ?? []).map((text) => ({ type: 'text' as const, text }));
  const meta = outcome.meta === undefined ? {} : { _meta: { ...outcome.meta } };
  if (isContentOutput(tool.output)) {
    const { content } = outcome.value as unknown as ContentResult;
    return { content: [...content, ...notes] as CallToolResult['content'], ...meta };
  }
  return {
    content: [{ type: 'text', text: outcome.json ?? JSON.stringify(outcome.value) }, ...notes],
    structuredContent: outcome.value,
    ...meta,
  };
}
