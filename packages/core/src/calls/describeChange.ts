import type { AnyTool } from '../define/types.js';

/** The longest summary a person is asked to read; longer ones are cut with an ellipsis. */
export const MAX_CHANGE_SUMMARY_CHARS = 1_000;
const MAX_VALUE_CHARS = 200;

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `a, b, c and 9 more`: a list short enough to read in a confirmation question. */
export function summarizeList(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return cut(value, MAX_VALUE_CHARS);
  if (Array.isArray(value)) return summarizeList(value.map(showValue));
  const json = JSON.stringify(value);
  return cut(json ?? String(value), MAX_VALUE_CHARS);
}

/** The fallback when a tool does not describe its change: its title and the arguments it was given. */
export function describeArguments(tool: Pick<AnyTool, 'name' | 'title'>, input: unknown): string {
  const entries =
    typeof input === 'object' && input !== null
      ? Object.entries(input).filter(([, value]) => value !== undefined)
      : [];
  const args = entries.map(([key, value]) => `${key}: ${showValue(value)}`).join('; ');
  return `${tool.title} (${tool.name})${args ? ` with ${args}` : ''}`;
}

/**
 * What a write will change, in words for the person confirming it: the tool's `describeChange`, or its title and
 * arguments when it has none (or when its own description fails). Always one bounded string.
 */
export function describeChange(tool: AnyTool, input: unknown): string {
  let text: string | undefined;
  if (tool.access === 'write' && typeof tool.describeChange === 'function') {
    try {
      const described: unknown = tool.describeChange(input);
      if (typeof described === 'string' && described.trim() !== '') text = described.trim();
    } catch {
      // The generic description below says what the call carries; a faulty summary must not block the question.
    }
  }
  return cut(text ?? describeArguments(tool, input), MAX_CHANGE_SUMMARY_CHARS);
}
