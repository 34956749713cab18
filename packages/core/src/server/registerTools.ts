import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { CallOutcome, ToolCall } from '../calls/types.js';
import type { Toolset } from '../catalog/toolset.js';
import { newToolCall, type SessionContext } from './newToolCall.js';
import { renderOutcome } from './renderOutcome.js';
import { rendersViews, type ViewSettings, withViewMeta } from './views.js';

const unknownTool = (name: string): CallToolResult => ({
  content: [{ type: 'text', text: `MCP error -32602: Tool ${name} not found` }],
  isError: true,
});

/**
 * Serves `tools/list` and `tools/call` on an McpServer from a toolset read at each request (so a reload can swap
 * it). A tool that is not in the toolset does not exist for the client: calling it fails as unknown. Every call
 * runs through the host's call hooks. A client that renders MCP Apps views (as each request shows, server/views.ts)
 * also gets the tools' `_meta.ui` links, the app-only helpers, and in linked results the tools its view may call.
 */
export function registerTools(
  server: McpServer,
  options: Omit<SessionContext, 'server'> & {
    readonly toolset: () => Toolset;
    readonly run: (call: ToolCall) => Promise<CallOutcome>;
    readonly views: ViewSettings;
  },
): void {
  const session: SessionContext = {
    server,
    caller: options.caller,
    owners: options.owners,
    logging: options.logging,
    subscriptions: options.subscriptions,
  };
  server.server.registerCapabilities({ tools: { listChanged: true } });
  server.server.setRequestHandler(ListToolsRequestSchema, async (request) => {
    const toolset = options.toolset();
    const views = rendersViews(server, options.views, request.params?._meta);
    return { tools: (views ? toolset.viewDefinitions : toolset.definitions) as Tool[] };
  });
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const toolset = options.toolset();
    const prepared = toolset.tools.get(request.params.name);
    const views = rendersViews(server, options.views, request.params._meta);
    // A helper only views call does not exist for a client without views.
    if (prepared === undefined || (prepared.appOnly && !views)) return unknownTool(request.params.name);
    const call = newToolCall(session, toolset, prepared, {
      args: request.params.arguments ?? {},
      meta: request.params._meta,
      extra,
    });
    const result = renderOutcome(await options.run(call), prepared.entry.tool);
    return views ? withViewMeta(result, toolset, prepared.entry.tool.view?.uri) : result;
  });
}
