/**
 * `mcp-panther/view`: what a pack's MCP Apps view uses in its page. It runs in the client's sandboxed frame, so
 * this entry is built for the browser on its own (bundle/view.js: no Node API, no dependency), and a view's
 * bundler inlines these few functions.
 */

export { CALLABLE_META_KEY, escapeHidden, shownText, unescapeHidden } from '@mcp-panther/core/view';
