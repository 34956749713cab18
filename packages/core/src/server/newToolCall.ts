import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { createCallData } from '../calls/callData.js';
import type { Elicit, Sample, ToolCall } from '../calls/types.js';
import type { PreparedTool, Toolset } from '../catalog/toolset.js';
import type { OwnerRecords } from '../ownership/ownerRecords.js';
import type { Caller } from '../types.js';
import type { Notify, SessionLogging } from './clientLogging.js';
import type { ResourceSubscriptions } from './resourceSubscriptions.js';

/**
 * What a server knows of its session: the server itself, who is calling, the host's owner records, and the session's
 * MCP logging.
 */
export interface SessionContext {
  readonly server: McpServer;
  readonly caller?: Caller | undefined;
  /** The host's owner records (what each caller started), shared by every session. */
  readonly owners: OwnerRecords;
  readonly logging?: SessionLogging | undefined;
  readonly subscriptions?: ResourceSubscriptions | undefined;
}

export type RequestExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Asks through the request's own server, tied to the request (so over streamable HTTP the question travels on
 * the call's stream); undefined when the client did not declare form elicitation.
 */
function elicitFor(server: McpServer, extra: RequestExtra): Elicit | undefined {
  if (!server.server.getClientCapabilities()?.elicitation?.form) return undefined;
  return (request, options) =>
    server.server.elicitInput(
      { mode: 'form', ...request },
      {
        signal: extra.signal,
        relatedRequestId: extra.requestId,
        ...(options?.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      },
    );
}

/** Samples through the request's own server, tied to the request; undefined when the client offers no sampling. */
function sampleFor(server: McpServer, extra: RequestExtra): Sample | undefined {
  if (!server.server.getClientCapabilities()?.sampling) return undefined;
  return (request) =>
    server.server.createMessage(request, { signal: extra.signal, relatedRequestId: extra.requestId });
}

/** A tool call for the call hooks, from an MCP request (a `tools/call`, or a resource read through a tool). */
export function newToolCall(
  session: SessionContext,
  toolset: Toolset,
  prepared: PreparedTool,
  request: { readonly args: unknown; readonly meta: ToolCall['meta']; readonly extra: RequestExtra },
): ToolCall {
  const { extra } = request;
  const { tool, pack } = prepared.entry;
  const notify: Notify = (notification) => extra.sendNotification(notification as ServerNotification);
  return {
    tool,
    pack,
    args: request.args,
    input: undefined,
    client: toolset.client,
    mode: toolset.mode,
    confirmWrites: toolset.confirmWrites,
    timeoutMs: toolset.timeouts.get(tool.name),
    untrusted: toolset.untrusted,
    elicit: elicitFor(session.server, extra),
    sample: sampleFor(session.server, extra),
    resourceUpdated: async (uri) => session.subscriptions?.updated(uri),
    signal: extra.signal,
    deadline: undefined,
    caller: session.caller,
    owners: session.owners,
    sessionId: extra.sessionId,
    requestId: extra.requestId,
    meta: request.meta,
    logger: session.logging
      ? session.logging.forRequest(prepared.logger, notify, `${pack.pack.id}/${tool.name}`)
      : prepared.logger,
    packConfig: prepared.packConfig,
    notify,
    data: createCallData(),
  };
}
