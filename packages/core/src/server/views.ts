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
/**
 * The request `_meta` key under which a client states its capabilities with each request (stateless MCP,
 * protocol 2026-07-28), instead of once at `initialize`.
 */
export const CLIENT_CAPABILITIES_META_KEY = 'io.modelcontextprotocol/clientCapabilities';
export { CALLABLE_META_KEY };

/** The `views` config section: whether views are served at all, and to stateless requests that say nothing. */
export interface ViewSettings {
  readonly enabled: boolean;
  readonly stateless: 'omit' | 'include';
}

/** Whether capabilities declare the extension with the view MIME type. */
function declaresViews(capabilities: unknown): boolean {
  if (typeof capabilities !== 'object' || capabilities === null) return false;
  const extensions = (capabilities as { extensions?: unknown }).extensions;
  if (typeof extensions !== 'object' || extensions === null) return false;
  const extension = (extensions as Record<string, unknown>)[UI_EXTENSION] as
    | { mimeTypes?: unknown }
    | undefined;
  return Array.isArray(extension?.mimeTypes) && extension.mimeTypes.includes(VIEW_MIME_TYPE);
}

/**
 * Whether to serve views for one request: never when `views.enabled` is off; else as the request's own
 * capabilities say (`_meta["io.modelcontextprotocol/clientCapabilities"]`), else as the client declared at
 * `initialize`. A request without either came over stateless HTTP to a server that saw no `initialize`, so what
 * its client renders is unknown: `views.stateless` decides (`omit`, the default, answers exactly as a server
 * without views; `include` serves views to every such client).
 */
export function rendersViews(
  server: McpServer,
  settings: ViewSettings,
  requestMeta?: Readonly<Record<string, unknown>>,
): boolean {
  if (!settings.enabled) return false;
  const stated = requestMeta?.[CLIENT_CAPABILITIES_META_KEY];
  if (stated !== undefined) return declaresViews(stated);
  const declared = server.server.getClientCapabilities();
  if (declared !== undefined) return declaresViews(declared);
  return settings.stateless === 'include';
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
