/**
 * `@mcp-panther/core/view`: what the page of an MCP Apps view uses from core. It runs in the client's sandboxed
 * frame, so this entry has no Node API and no dependency: a view's bundler inlines only these few functions.
 */

import { escapeHidden, unescapeHidden } from './untrusted/hiddenText.js';

export { escapeHidden, unescapeHidden } from './untrusted/hiddenText.js';

/** The key of a linked tool result's `_meta` that names the tools this caller's view may call. */
export const CALLABLE_META_KEY = 'mcp-panther/callable';

/**
 * Text as a view shows it: every hidden code point as a visible `[U+XXXX]`, with the host's own escaping, so the
 * person sees what the model reads. The host may already have escaped a result (a flagged value); undoing then
 * redoing the escape shows the same text either way.
 */
export function shownText(text: string): string {
  return escapeHidden(unescapeHidden(text));
}
