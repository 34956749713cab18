import { randomBytes } from 'node:crypto';
import type { PantherClient } from '@mcp-panther/client';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type ServerNotification,
  type ServerRequest,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AnyTool, Logger, PolicyMode, ToolContext } from '../define/types.js';
import type { PackScope } from '../di/createContainer.js';
import type { ValidatedPack } from '../host/validatePacks.js';
import type { AuditLog } from '../logging/auditLog.js';
import type { ToolEntry } from '../policy/filterTools.js';
import { formatIssues } from '../util/formatIssues.js';
import { toolJsonSchema } from './jsonSchema.js';
import { mapToolError } from './toolErrors.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** A tool ready to register: its entry and the definition `tools/list` advertises (computed once per host). */
export interface PreparedTool {
  readonly entry: ToolEntry;
  readonly definition: Tool;
}

export interface ToolDeps {
  readonly client: PantherClient;
  readonly logger: Logger;
  readonly auditLog: AuditLog;
  readonly mode: PolicyMode;
  readonly packScope: (packId: string) => PackScope;
  readonly redact: (text: string) => string;
}

/** A tool's `tools/list` entry: title, description, derived annotations, compact JSON Schemas. */
export function toolDefinition(tool: AnyTool): Tool & { title: string; description: string } {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: toolJsonSchema(tool.input, 'input') as Tool['inputSchema'],
    ...(tool.output ? { outputSchema: toolJsonSchema(tool.output, 'output') as Tool['outputSchema'] } : {}),
    annotations: { ...tool.annotations },
  };
}

/** Computes each tool's advertised definition. */
export function prepareTools(entries: readonly ToolEntry[]): PreparedTool[] {
  return entries.map((entry) => ({ entry, definition: toolDefinition(entry.tool) }));
}

/** Builds (and memoizes) the JSON Schemas of every tool of the enabled packs, e.g. while start-up waits. */
export function warmToolSchemas(packs: readonly ValidatedPack[]): void {
  for (const { pack, enabled } of packs) {
    if (!enabled) continue;
    for (const tool of pack.tools) {
      try {
        toolJsonSchema(tool.input, 'input');
        if (tool.output) toolJsonSchema(tool.output, 'output');
      } catch {
        // prepareTools reports it, for the tools that are registered.
      }
    }
  }
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Invalid arguments for list_alerts: severities[0] must be one of CRITICAL, HIGH (got "BAD")`. */
export function describeInvalidArguments(toolName: string, error: z.core.$ZodError, schema: unknown): string {
  const parts = formatIssues(error, schema).map((i) =>
    i.path ? `${i.path} ${i.message}` : `arguments ${i.message}`,
  );
  return `Invalid arguments for ${toolName}: ${parts.join('; ')}`;
}

function createHandler(prepared: PreparedTool, deps: ToolDeps) {
  const { tool, pack } = prepared.entry;
  const scope = deps.packScope(pack.pack.id);
  const logger = scope.logger.child({ tool: tool.name });
  // The host's loggers know their level: below debug, the per-call line is not built at all.
  const debug = ((logger as { level?: string }).level ?? 'debug') === 'debug';
  const timed = debug || tool.access === 'write';
  return async (args: unknown, extra: Extra): Promise<CallToolResult> => {
    const started = timed ? performance.now() : 0;
    const finish = (result: CallToolResult, outcome: 'ok' | 'error', detail?: string): CallToolResult => {
      if (!timed) return result;
      const durationMs = Math.round(performance.now() - started);
      if (debug) logger.debug('tool call', { outcome, durationMs });
      if (tool.access === 'write') {
        deps.auditLog.record({
          time: new Date().toISOString(),
          tool: tool.name,
          pack: pack.pack.id,
          arguments: args ?? {},
          outcome,
          ...(detail ? { error: detail } : {}),
          durationMs,
        });
      }
      return result;
    };

    const input = tool.input.safeParse(args ?? {}, { reportInput: true });
    if (!input.success) {
      const text = deps.redact(describeInvalidArguments(tool.name, input.error, tool.input));
      return finish(errorResult(text), 'error', text);
    }
    const progressToken = extra._meta?.progressToken;
    const context: ToolContext<unknown> = {
      client: deps.client,
      logger,
      config: scope.config,
      signal: extra.signal,
      policy: { mode: deps.mode },
      async progress(progress, total, message) {
        if (progressToken === undefined) return;
        await extra.sendNotification({
          method: 'notifications/progress',
          params: {
            progressToken,
            progress,
            ...(total === undefined ? {} : { total }),
            ...(message === undefined ? {} : { message }),
          },
        });
      },
    };
    try {
      const value: unknown = await tool.handler(input.data, context);
      let structured: Record<string, unknown> = isPlainObject(value) ? value : { result: value ?? null };
      if (tool.output) {
        const checked = tool.output.safeParse(structured, { reportInput: true });
        if (!checked.success) {
          const ref = randomBytes(4).toString('hex');
          logger.error('tool result does not match its output schema', {
            ref,
            issues: formatIssues(checked.error, tool.output),
          });
          const text = `${tool.name} failed with an internal error (reference ${ref} in the server log)`;
          return finish(errorResult(text), 'error', text);
        }
        structured = checked.data as Record<string, unknown>;
      }
      return finish(
        { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured },
        'ok',
      );
    } catch (error) {
      const mapped = mapToolError(tool, error);
      const text = deps.redact(mapped.text);
      if (mapped.log !== 'none')
        logger[mapped.log]('tool call failed', { error, ...(mapped.ref ? { ref: mapped.ref } : {}) });
      return finish(errorResult(text), 'error', text);
    }
  };
}

// Accepts any object: the wrapped handler validates with the tool's own schema, so errors name the argument and
// what is allowed (the SDK's default message is a raw zod dump).
const passThrough = z.looseObject({});

/**
 * Registers the filtered tools on an McpServer, in the prepared order (pack, then name). `tools/list` is answered
 * from the prepared definitions (compact schemas, enums and bounds visible); a tool that is not registered fails
 * as unknown.
 */
export function registerTools(server: McpServer, tools: readonly PreparedTool[], deps: ToolDeps): void {
  for (const prepared of tools) {
    const handler = createHandler(prepared, deps);
    server.registerTool(
      prepared.definition.name,
      {
        ...(prepared.definition.title ? { title: prepared.definition.title } : {}),
        ...(prepared.definition.description ? { description: prepared.definition.description } : {}),
        inputSchema: passThrough,
        ...(prepared.definition.annotations ? { annotations: prepared.definition.annotations } : {}),
      },
      (args: Record<string, unknown>, extra: Extra) => handler(args, extra),
    );
  }
  const definitions = tools.map((t) => t.definition);
  if (tools.length === 0) {
    server.server.registerCapabilities({ tools: {} });
    server.server.setRequestHandler(CallToolRequestSchema, async (request) =>
      errorResult(`MCP error -32602: Tool ${request.params.name} not found`),
    );
  }
  server.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: definitions }));
}
