import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  type CallToolResult,
  ErrorCode,
  McpError,
  type ReadResourceResult,
} from '@modelcontextprotocol/sdk/types.js';
import { type ServedView, type Toolset, VIEW_MIME_TYPE } from '../catalog/toolset.js';
import type { ViewDefinition } from '../define/types.js';
import { CALLABLE_META_KEY } from '../view.js';

/**
 * MCP Apps (the `io.modelcontextprotocol/ui` extension): which sessions get views, the `ui://` resources, and what
 * a linked tool's result tells its view. A client that did not declare the extension gets none of it: its
 * tools/list, resources and results are exactly those of a server without views.
 */

export const UI_EXTENSION = 'io.modelcontextprotocol/ui';
export { CALLABLE_META_KEY };

/**
 * Whether to serve views to the session's client: it declared the extension with the view MIME type, or the
 * request came without a session (stateless HTTP serves each request with a server that saw no `initialize`, so
 * what the client declared is unknown). Serving them then is what lets a stateless server have views at all, and
 * costs a client without the extension nothing it acts on: it ignores `_meta` and never reads a `ui://` resource.
 */
export function rendersViews(server: McpServer): boolean {
  const capabilities = server.server.getClientCapabilities();
  if (capabilities === undefined) return true;
  const extension = capabilities.extensions?.[UI_EXTENSION] as { mimeTypes?: unknown } | undefined;
  return Array.isArray(extension?.mimeTypes) && extension.mimeTypes.includes(VIEW_MIME_TYPE);
}

const loaded = new WeakMap<ViewDefinition, Promise<string>>();

/** A view's HTML, loaded once per process (a failed load is tried again on the next read). */
export function viewHtml(view: ViewDefinition): Promise<string> {
  let html = loaded.get(view);
  if (html === undefined) {
    html = Promise.resolve()
      .then(() => view.html())
      .then((text) => {
        if (typeof text !== 'string' || text.length === 0) throw new Error('html() returned no text');
        return text;
      });
    html.catch(() => loaded.delete(view));
    loaded.set(view, html);
  }
  return html;
}

/** `resources/read` of a view: its HTML, with the CSP it declares (no origins unless it names some). */
export async function readView(served: ServedView): Promise<ReadResourceResult> {
  const { view } = served;
  let text: string;
  try {
    text = await viewHtml(view);
  } catch (error) {
    throw new McpError(
      ErrorCode.InternalError,
      `View ${view.uri} could not be loaded: ${(error as Error).message}`,
    );
  }
  return {
    contents: [
      {
        uri: view.uri,
        mimeType: VIEW_MIME_TYPE,
        text,
        _meta: {
          ui: {
            csp: {
              connectDomains: [...(view.csp?.connectDomains ?? [])],
              resourceDomains: [...(view.csp?.resourceDomains ?? [])],
            },
            ...(view.prefersBorder === undefined ? {} : { prefersBorder: view.prefersBorder }),
          },
        },
      },
    ],
  };
}

/** A linked tool's result for a view-rendering client: `_meta` names the tools this caller's view may call. */
export function withViewMeta(
  result: CallToolResult,
  toolset: Toolset,
  uri: string | undefined,
): CallToolResult {
  const served = uri === undefined ? undefined : toolset.views.get(uri);
  if (served === undefined) return result;
  return { ...result, _meta: { ...result._meta, [CALLABLE_META_KEY]: [...served.callable] } };
}
