/**
 * @mcp-panther/views: the HTML of mcp-panther's MCP Apps views, each one self-contained file built from web/ at
 * build time (scripts, styles and the charting library inlined; nothing is fetched). A view's text is imported
 * only when it is first read, so a server whose clients render no views never loads it.
 */

export const VIEW_NAMES = ['alerts', 'query', 'detection', 'metrics'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/** The HTML of each view, imported on first use. */
export const viewHtml: { readonly [Name in ViewName]: () => Promise<string> } = {
  alerts: async () => (await import('@mcp-panther/views/html/alerts')).default,
  query: async () => (await import('@mcp-panther/views/html/query')).default,
  detection: async () => (await import('@mcp-panther/views/html/detection')).default,
  metrics: async () => (await import('@mcp-panther/views/html/metrics')).default,
};
