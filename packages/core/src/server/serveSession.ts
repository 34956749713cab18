import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallOutcome, ToolCall } from '../calls/types.js';
import type { Toolset } from '../catalog/toolset.js';
import type { Logger } from '../define/types.js';
import type { OwnerRecords } from '../ownership/ownerRecords.js';
import type { Redactor } from '../security/redact.js';
import type { Caller } from '../types.js';
import { serveLogging } from './clientLogging.js';
import type { HostInfo } from './configResource.js';
import { registerTools } from './registerTools.js';
import { serveSubscriptions } from './resourceSubscriptions.js';
import { serveCompletions } from './serveCompletions.js';
import { servePrompts } from './servePrompts.js';
import { checkReadable, serveResources } from './serveResources.js';
import type { ViewSettings } from './views.js';

export interface SessionOptions {
  /** Read at each request: swapping what it returns (a reload) changes what every session serves next. */
  readonly toolset: () => Toolset;
  readonly run: (call: ToolCall) => Promise<CallOutcome>;
  readonly info: () => HostInfo;
  readonly redact: Redactor;
  readonly logger: Logger;
  readonly caller?: Caller | undefined;
  /** The `views` config section: when MCP Apps views are served (server/views.ts). */
  readonly views: ViewSettings;
  /** The host's owner records: one set for every session (and, with a shared store, every replica). */
  readonly owners: OwnerRecords;
}

/**
 * Everything one MCP session serves, on a new server, before it connects: tools, prompts, resources and their
 * templates, completions, and MCP logging. Only request handlers are set here (no per-tool registration), so a
 * session costs the same whatever the number of tools.
 */
export function serveSession(server: McpServer, options: SessionOptions): void {
  const logging = serveLogging(server, options.redact);
  const { toolset, run, caller, owners, views } = options;
  const subscriptions = serveSubscriptions(server, (uri) => checkReadable(server, views, toolset(), uri));
  registerTools(server, { toolset, run, caller, owners, logging, subscriptions, views });
  servePrompts(server, { toolset, logger: options.logger });
  serveResources(server, {
    session: { server, caller, owners, logging, subscriptions },
    toolset,
    run,
    info: options.info,
    views,
  });
  serveCompletions(server, { toolset, logger: options.logger });
}
