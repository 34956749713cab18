import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type ReadResourceResult,
  type Resource,
} from '@modelcontextprotocol/sdk/types.js';
import { callKey } from '../calls/callData.js';
import type { CallOutcome, ToolCall } from '../calls/types.js';
import type { PreparedTool, Toolset } from '../catalog/toolset.js';
import { type ContentBlock, type ContentResult, isContentOutput } from '../define/content.js';
import { CONFIG_RESOURCE, CONFIG_RESOURCE_URI, type HostInfo, readConfigResource } from './configResource.js';
import { newToolCall, type RequestExtra, type SessionContext } from './newToolCall.js';
import { matchTemplate, type PreparedTemplate } from './resourceTemplates.js';
import { readView, rendersViews, type ViewSettings } from './views.js';

/** MCP's code for a resource that does not exist (the spec's, not in the SDK's enum). */
export const RESOURCE_NOT_FOUND = -32002;

const notFound = (uri: string) => new McpError(RESOURCE_NOT_FOUND, `Resource ${uri} not found`);

/** An outcome's error as the JSON-RPC error of the read: the text is the tool's, already mapped and redacted. */
function readError(uri: string, outcome: Extract<CallOutcome, { ok: false }>): McpError {
  if (outcome.code === 'NOT_FOUND' || outcome.code === 'UNKNOWN_TOOL') {
    return new McpError(RESOURCE_NOT_FOUND, `Resource ${uri} not found: ${outcome.text}`);
  }
  if (outcome.code === 'USER_INPUT') return new McpError(ErrorCode.InvalidParams, outcome.text);
  return new McpError(ErrorCode.InternalError, outcome.text);
}

/** The tool arguments for a template's variables, or an error naming the variable and what it may be. */
function toolArguments(prepared: PreparedTemplate, uri: string, variables: Record<string, string>) {
  for (const [name, allowed] of Object.entries(prepared.template.values ?? {})) {
    const value = variables[name];
    if (value !== undefined && !allowed.includes(value)) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Invalid resource URI ${uri}: {${name}} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`,
      );
    }
  }
  try {
    return prepared.template.toolArguments(variables);
  } catch (error) {
    throw new McpError(ErrorCode.InvalidParams, `Invalid resource URI ${uri}: ${(error as Error).message}`);
  }
}

async function readThroughTool(
  options: ResourceOptions,
  toolset: Toolset,
  uri: string,
  extra: RequestExtra,
  meta: ToolCall['meta'],
): Promise<ReadResourceResult> {
  const found = matchTemplate(toolset.templates, uri);
  if (found === undefined) throw notFound(uri);
  const { prepared, variables } = found;
  const tool = toolset.tools.get(prepared.template.tool);
  if (tool === undefined) throw notFound(uri);
  const call = newToolCall(options.session, toolset, tool, {
    args: toolArguments(prepared, uri, variables),
    meta,
    extra,
  });
  call.data.set(RESOURCE_URI, uri);
  const outcome = await options.run(call);
  if (!outcome.ok) throw readError(uri, outcome);
  return { contents: readContents(uri, tool, outcome) };
}

type ResourceContents = ReadResourceResult['contents'][number];

/** One content block as the contents of a read: text stays text, bytes become a blob, an embedded resource is itself. */
function blockContents(uri: string, block: ContentBlock): ResourceContents {
  switch (block.type) {
    case 'text':
      return { uri, mimeType: 'text/plain', text: block.text };
    case 'image':
    case 'audio':
      return { uri, mimeType: block.mimeType, blob: block.data };
    case 'resource':
      return { ...block.resource };
  }
}

/** What a read returns: the tool's content blocks as contents, or its JSON result; notes follow as plain text. */
function readContents(
  uri: string,
  tool: PreparedTool,
  outcome: Extract<CallOutcome, { ok: true }>,
): ResourceContents[] {
  const notes = (outcome.notes ?? []).map((text) => ({ uri, mimeType: 'text/plain', text }));
  if (isContentOutput(tool.entry.tool.output)) {
    const { content } = outcome.value as unknown as ContentResult;
    return [...content.map((block) => blockContents(uri, block)), ...notes];
  }
  return [
    { uri, mimeType: 'application/json', text: outcome.json ?? JSON.stringify(outcome.value) },
    ...notes,
  ];
}

/** The resource URI a call reads, when it is a `resources/read` through a template's tool. */
export const RESOURCE_URI = callKey<string>('resource.uri');

export interface ResourceOptions {
  readonly session: SessionContext;
  readonly toolset: () => Toolset;
  readonly run: (call: ToolCall) => Promise<CallOutcome>;
  readonly info: () => HostInfo;
  readonly views: ViewSettings;
}

/** A template without variables is one fixed resource: listed by `resources/list`, not as a template. */
const isFixed = (prepared: PreparedTemplate) => prepared.uri.variables.length === 0;

function fixedResource({ definition }: PreparedTemplate): Resource {
  const { uriTemplate, ...rest } = definition;
  return { uri: uriTemplate, ...rest };
}

/**
 * Throws the not-found error a read of the URI would, without reading it: for a subscription, which needs a URI
 * the session can read (config://panther, a view it is served, or a URI one of its templates fits).
 */
export function checkReadable(server: McpServer, views: ViewSettings, toolset: Toolset, uri: string): void {
  if (uri === CONFIG_RESOURCE_URI) return;
  if (uri.startsWith('ui://')) {
    if (rendersViews(server, views) && toolset.views.has(uri)) return;
    throw notFound(uri);
  }
  if (matchTemplate(toolset.templates, uri) === undefined) throw notFound(uri);
}

/**
 * Serves `resources/list` (config://panther, and the `ui://` views for clients that render them),
 * `resources/templates/list` (the templates of the caller's toolset)
 * and `resources/read`. A templated URI is read by calling the template's tool through the call hooks, so a read
 * gets the same policy, permissions, redaction, size limit and error mapping as a `tools/call`.
 */
export function serveResources(server: McpServer, options: ResourceOptions): void {
  server.server.registerCapabilities({ resources: { listChanged: true } });
  server.server.setRequestHandler(ListResourcesRequestSchema, async (request) => {
    const toolset = options.toolset();
    const fixed = toolset.templates.filter(isFixed).map(fixedResource);
    return {
      resources: rendersViews(server, options.views, request.params?._meta)
        ? [CONFIG_RESOURCE, ...fixed, ...[...toolset.views.values()].map((served) => served.resource)]
        : [CONFIG_RESOURCE, ...fixed],
    };
  });
  server.server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: options
      .toolset()
      .templates.filter((t) => !isFixed(t))
      .map((t) => t.definition),
  }));
  server.server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    const { uri } = request.params;
    if (uri === CONFIG_RESOURCE_URI) return readConfigResource(options.info());
    if (uri.startsWith('ui://')) {
      // A view is served only to clients that render views, and only where a tool that links it is served.
      const views = rendersViews(server, options.views, request.params._meta);
      const served = views ? options.toolset().views.get(uri) : undefined;
      if (served === undefined) throw notFound(uri);
      return readView(served);
    }
    return readThroughTool(options, options.toolset(), uri, extra, request.params._meta);
  });
}
