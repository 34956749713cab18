import type { PantherClient } from '@mcp-panther/client';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { invokeTool } from '../calls/invokeTool.js';
import { composeHooks } from '../calls/runCall.js';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import { createContainer } from '../di/createContainer.js';
import { DEFAULT_PARTS } from '../di/defaultParts.js';
import type { HostParts, PantherConnection } from '../di/parts.js';
import { CallHooksToken, LoggerToken } from '../di/tokens.js';
import { McpHostError } from '../errors.js';
import type { HostLogger } from '../logging/createLogger.js';
import { filterPrompts, filterTools, type PromptEntry } from '../policy/filterTools.js';
import { createRedactor, maskUrlCredentials } from '../security/redact.js';
import { CONFIG_RESOURCE_URI, type HostInfo, registerConfigResource } from '../server/configResource.js';
import { buildInstructions } from '../server/instructions.js';
import { registerPrompts } from '../server/registerPrompts.js';
import { createToolset, prepareTools, registerTools, warmToolSchemas } from '../server/registerTools.js';
import type { RunningHttpServer } from '../transport/http.js';
import type { RunningTransport, SessionInfo } from '../transport/types.js';
import type { PackSource, PantherTarget, PolicyState, ValidatedPack } from '../types.js';
import { CORE_PACKAGE_DIR, CORE_VERSION } from './coreVersion.js';
import { discoverPermissions } from './discoverPermissions.js';
import { loadPacks, packSources } from './loadPacks.js';

export interface CreateHostOptions {
  readonly config: HostConfig;
  /** Where pack names are resolved first (the config file's folder). Default: the working directory. */
  readonly baseDir?: string | undefined;
  /** More folders to resolve pack names from, after `baseDir` and before core's own (the CLI's). */
  readonly resolveFrom?: readonly string[] | undefined;
  /** Pack sources to use instead of `config.packs` (a source may carry the pack object itself). */
  readonly packs?: readonly PackSource[] | undefined;
  /** A client to use instead of making one (tests, embedding). The host does not close it. */
  readonly client?: PantherClient | undefined;
  /** A logger to use instead of the one `config.logging` describes. The host does not close it. */
  readonly logger?: HostLogger | undefined;
  /** Parts to use instead of the defaults (cache store, rate limiter, audit sink, call hooks, transports…). */
  readonly parts?: Partial<HostParts> | undefined;
  /** Name and version the MCP server reports. */
  readonly serverInfo?: { readonly name: string; readonly version: string } | undefined;
}

export interface Host {
  readonly config: HostConfig;
  readonly packs: readonly ValidatedPack[];
  readonly policy: PolicyState;
  readonly target: PantherTarget;
  readonly client: PantherClient;
  readonly logger: Logger;
  readonly instructions: string;
  /** What `config://panther` shows. */
  info(): HostInfo;
  /** A new McpServer with every allowed tool, prompt and the config resource registered. */
  createServer(session?: SessionInfo): McpServer;
  /** Serves one MCP connection on a transport (stdio, in-memory). */
  connect(transport: Transport): Promise<McpServer>;
  /** Serves streamable HTTP per `config.server`. */
  listen(): Promise<RunningHttpServer>;
  /** Serves the transport the config names. Returns once serving has started. */
  serve(): Promise<RunningTransport>;
  close(): Promise<void>;
}

// The SDK builds an Ajv instance for every McpServer (milliseconds each: at start-up, and per HTTP session) to
// validate elicitation answers. One shared instance is built on first use instead.
let sharedValidator: AjvJsonSchemaValidator | undefined;
const lazyJsonSchemaValidator: jsonSchemaValidator = {
  getValidator(schema) {
    sharedValidator ??= new AjvJsonSchemaValidator();
    return sharedValidator.getValidator(schema);
  },
};

/** User names and passwords written into URLs (`https://user:pass@…`): secrets like the token. */
function urlCredentials(urls: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const url of urls) {
    if (!url) continue;
    try {
      const parsed = new URL(url);
      for (const part of [parsed.username, parsed.password]) {
        if (part) out.push(part, decodeURIComponent(part));
      }
    } catch {
      // The config schema only lets valid URLs through.
    }
  }
  return out;
}

/** The parts this host uses: the defaults, then the options' (a given logger or client wins). */
function chooseParts(options: CreateHostOptions): HostParts {
  const parts: HostParts = { ...DEFAULT_PARTS, ...options.parts };
  const { logger, client } = options;
  return {
    ...parts,
    ...(logger ? { logger: () => logger } : {}),
    // A given client is used as is (and not closed): only its URLs are needed.
    ...(client ? { connect: async () => ({ target: { ...client.urls }, token: '' }) } : {}),
  };
}

/**
 * Builds a host: load and validate packs, while the `connect` part finds Panther and the token's permissions are
 * read → filter tools → prepare them once. Serving is a separate step (`connect`, `listen`, `serve`).
 */
export async function createHost(options: CreateHostOptions): Promise<Host> {
  const { config } = options;
  const secrets: string[] = [
    config.panther.token,
    config.server.authToken,
    ...urlCredentials([config.panther.instanceUrl, config.panther.restUrl, config.panther.graphqlUrl]),
  ].filter((s): s is string => !!s);
  const redact = createRedactor(() => secrets);
  const parts = chooseParts(options);
  const container = createContainer({ config, parts, redact });
  const logger = container.resolve(LoggerToken);
  const closeAll = async () => {
    await container.dispose();
    if (!options.logger) await logger.close();
  };

  let connection: PantherConnection;
  let packs: ValidatedPack[];
  let policy: PolicyState;
  let client: PantherClient;
  try {
    const transportName = config.server.transport;
    if (!(transportName in parts.transports)) {
      throw new McpHostError(
        'CONFIG_INVALID',
        `Invalid configuration: server.transport "${transportName}" is not a known transport (${Object.keys(parts.transports).join(', ')})`,
      );
    }
    // Network discovery (the Panther, then the token's permissions) runs while the packs load and their schemas
    // are built: start-up waits for the slower of the two, not for both in turn.
    const connecting = (async () => {
      const found = await parts.connect({ config, logger });
      if (found.close) container.onDispose(() => found.close?.());
      secrets.push(found.token, ...(found.secrets ?? []));
      container.setTarget(found.target);
      const connected = options.client ?? container.clientFor(found.token);
      const discovered = config.policy.hideUnpermittedTools
        ? await discoverPermissions(connected, logger)
        : { permissions: undefined, note: 'switched off (policy.hideUnpermittedTools: false)' };
      return { found, connected, discovered };
    })();
    // Awaited below in every path; this keeps a failure from counting as unhandled while the packs load.
    connecting.catch(() => {});
    const sources = options.packs ?? packSources(config.packs);
    const bases = [options.baseDir ?? process.cwd(), ...(options.resolveFrom ?? []), CORE_PACKAGE_DIR];
    try {
      packs = await loadPacks(sources, { bases, logger });
    } catch (error) {
      // Pack errors come first; what the connection opened is closed with the rest.
      await connecting.catch(() => {});
      throw error;
    }
    logger.debug('packs loaded', { packs: packs.map((p) => p.pack.id) });
    warmToolSchemas(packs);
    const { found, connected, discovered } = await connecting;
    connection = found;
    client = connected;
    policy = {
      mode: config.policy.mode,
      permissions: discovered.permissions,
      permissionsNote: discovered.note,
      tools: filterTools({ packs, policy: config.policy, permissions: discovered.permissions }),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }

  const target = connection.target;
  const prepared = prepareTools(policy.tools.enabled, (pack) => container.packScope(pack));
  const toolset = createToolset(prepared, client, policy.mode);
  const runCall = composeHooks(container.resolve(CallHooksToken), invokeTool);
  const prompts: PromptEntry[] = filterPrompts(packs, policy.permissions);
  const instructions = buildInstructions({ mode: policy.mode, target, packs });
  const serverInfo = options.serverInfo ?? { name: 'mcp-panther', version: CORE_VERSION };
  logger.info('ready', {
    mode: policy.mode,
    panther: target.label ?? maskUrlCredentials(target.rest),
    tools: prepared.length,
    hidden: policy.tools.hidden.length,
  });

  const info = (): HostInfo => ({
    rest_api_url: maskUrlCredentials(target.rest),
    gql_api_url: maskUrlCredentials(target.graphql),
    ...target.facts,
    mode: policy.mode,
    packs: packs.map((p) => ({
      id: p.pack.id,
      title: p.pack.title,
      source: p.specifier,
      enabled: p.enabled,
      tools: p.pack.tools.length,
    })),
    available_tools: prepared.map((t) => t.definition.name),
    hidden_tools: policy.tools.hidden.map((h) => ({
      name: h.tool.name,
      pack: h.pack.pack.id,
      reason: h.reason,
      detail: h.detail,
    })),
    available_prompts: prompts.map((p) => p.prompt.name),
    available_resources: [CONFIG_RESOURCE_URI],
    token_permissions: policy.permissions ? [...policy.permissions].sort() : null,
    ...(policy.permissionsNote ? { token_permissions_note: policy.permissionsNote } : {}),
  });

  const servers = new Set<McpServer>();
  const createServer = (session: SessionInfo = {}): McpServer => {
    const server = new McpServer(serverInfo, { instructions, jsonSchemaValidator: lazyJsonSchemaValidator });
    registerTools(server, { toolset: () => toolset, run: runCall, caller: session.caller });
    registerPrompts(server, prompts, { client, logger });
    registerConfigResource(server, info);
    return server;
  };

  const running: RunningTransport[] = [];
  let closed = false;
  const host: Host = {
    config,
    packs,
    policy,
    target,
    client,
    logger,
    instructions,
    info,
    createServer,
    async connect(transport) {
      const server = createServer();
      servers.add(server);
      await server.connect(transport);
      return server;
    },
    async listen() {
      const http = await import('../transport/http.js');
      const served = await http.serve({ config, logger, createServer });
      running.push(served);
      return served;
    },
    async serve() {
      const module = await parts.transports[config.server.transport]!();
      const served = await module.serve({ config, logger, createServer });
      running.push(served);
      return served;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const transport of running.splice(0)) await transport.close().catch(() => {});
      for (const server of servers) await server.close().catch(() => {});
      await closeAll();
    },
  };
  return host;
}
