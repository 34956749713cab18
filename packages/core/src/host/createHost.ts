import type { PantherClient } from '@mcp-panther/client';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import { createContainer, type HostContainer } from '../di/createContainer.js';
import {
  AuditLogToken,
  ClientToken,
  PacksToken,
  type PantherTarget,
  type PolicyState,
  PolicyToken,
  TargetToken,
} from '../di/tokens.js';
import { McpHostError } from '../errors.js';
import { type AuditLog, createAuditLog } from '../logging/auditLog.js';
import {
  createLogger,
  createRedactor,
  fileSink,
  type HostLogger,
  stderrSink,
} from '../logging/createLogger.js';
import { filterPrompts, filterTools, type PromptEntry } from '../policy/filterTools.js';
import { CONFIG_RESOURCE_URI, type HostInfo, registerConfigResource } from '../server/configResource.js';
import { buildInstructions } from '../server/instructions.js';
import { registerPrompts } from '../server/registerPrompts.js';
import { type PreparedTool, prepareTools, registerTools, warmToolSchemas } from '../server/registerTools.js';
import type { RunningHttpServer } from '../transport/http.js';
import { CORE_PACKAGE_DIR, CORE_VERSION } from './coreVersion.js';
import { discoverPermissions } from './discoverPermissions.js';
import { loadPacks, packSources } from './loadPacks.js';
import type { PackSource, ValidatedPack } from './validatePacks.js';

/** What `@mcp-panther/sandbox` gives back: a Panther API on 127.0.0.1 with tokens of several roles. */
export interface SandboxHandle {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly tokens: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export type StartSandbox = (options: {
  port?: number;
  events?: number;
  seed?: number;
  dataDir?: string;
  logger?: Omit<Logger, 'child'>;
}) => Promise<SandboxHandle>;

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
  /** Loads the sandbox when no Panther URL is configured; imported only then (the CLI passes it). */
  readonly loadSandbox?: (() => Promise<StartSandbox>) | undefined;
  /** A logger to use instead of the one `config.logging` describes. */
  readonly logger?: HostLogger | undefined;
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
  createServer(): McpServer;
  /** Serves one MCP connection on a transport (stdio, in-memory). */
  connect(transport: Transport): Promise<McpServer>;
  /** Serves streamable HTTP per `config.server`. */
  listen(): Promise<RunningHttpServer>;
  /** Serves the transport the config names: stdio or HTTP. Returns once serving has started. */
  serve(): Promise<void>;
  close(): Promise<void>;
}

// The SDK builds an Ajv instance for every McpServer (milliseconds each: at start-up, and per HTTP session) to
// validate elicitation answers, which no pack asks for. One shared instance is built on first use instead.
let sharedValidator: AjvJsonSchemaValidator | undefined;
const lazyJsonSchemaValidator: jsonSchemaValidator = {
  getValidator(schema) {
    sharedValidator ??= new AjvJsonSchemaValidator();
    return sharedValidator.getValidator(schema);
  },
};

function hostLogger(config: HostConfig, redact: (text: string) => string): HostLogger {
  const sink = config.logging.file ? fileSink(config.logging.file) : stderrSink();
  return createLogger({ level: config.logging.level, format: config.logging.format, sink, redact });
}

async function connectPanther(
  options: CreateHostOptions,
  logger: Logger,
  secrets: string[],
  closers: (() => Promise<void>)[],
): Promise<{ client: PantherClient; target: PantherTarget }> {
  const { config } = options;
  if (options.client) {
    return { client: options.client, target: { ...options.client.urls, sandbox: false } };
  }
  const { createClientFor, createDefaultClient } = await import('./createDefaultClient.js');
  if (config.panther.instanceUrl || config.panther.restUrl) {
    const token = config.panther.token;
    if (!token) {
      throw new McpHostError(
        'CONFIG_INVALID',
        'No Panther API token: set PANTHER_API_TOKEN (or panther.token in the config file)',
      );
    }
    const client = await createDefaultClient(config, token, logger);
    closers.push(() => client.close());
    return { client, target: { ...client.urls, sandbox: false } };
  }
  if (!options.loadSandbox) {
    throw new McpHostError(
      'CONFIG_INVALID',
      'No Panther URL: set PANTHER_INSTANCE_URL (or panther.instanceUrl in the config file)',
    );
  }
  const startSandbox = await options.loadSandbox();
  const sandbox = await startSandbox({
    port: config.sandbox.port,
    ...(config.sandbox.events === undefined ? {} : { events: config.sandbox.events }),
    ...(config.sandbox.seed === undefined ? {} : { seed: config.sandbox.seed }),
    ...(config.sandbox.dataDir === undefined ? {} : { dataDir: config.sandbox.dataDir }),
    logger: logger.child({ component: 'sandbox' }),
  });
  closers.push(() => sandbox.close());
  secrets.push(...Object.values(sandbox.tokens));
  const token = sandbox.tokens[config.sandbox.role];
  if (!token) throw new McpHostError('CONFIG_INVALID', `The sandbox has no "${config.sandbox.role}" token`);
  logger.info('no PANTHER_INSTANCE_URL: running on the embedded Panther sandbox (generated demo data)', {
    sandbox: sandbox.url,
    role: config.sandbox.role,
  });
  const urls = { rest: sandbox.url, graphql: sandbox.graphqlUrl };
  const client = createClientFor(config, urls, token, logger);
  closers.push(() => client.close());
  return { client, target: { ...urls, sandbox: true } };
}

/**
 * Builds a host: load and validate packs → connect to Panther (or start the sandbox) → read the token's
 * permissions → filter tools → build the container. Serving is a separate step (`connect`, `listen`, `serve`).
 */
export async function createHost(options: CreateHostOptions): Promise<Host> {
  const { config } = options;
  const secrets: string[] = [config.panther.token, config.server.authToken].filter((s): s is string => !!s);
  const redact = createRedactor(() => secrets);
  const ownLogger = options.logger === undefined;
  const logger = options.logger ?? hostLogger(config, redact);
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse())
      await close().catch((error) => logger.warn('close failed', { error }));
    if (ownLogger) await logger.close();
  };

  let container: HostContainer;
  // Network discovery (the instance URL, then the token's permissions) runs while the packs load and their
  // schemas are built: start-up waits for the slower of the two, not for both in turn.
  const connecting = (async () => {
    const connection = await connectPanther(options, logger, secrets, closers);
    const discovered = config.policy.hideUnpermittedTools
      ? await discoverPermissions(connection.client, logger)
      : { permissions: undefined, note: 'switched off (policy.hideUnpermittedTools: false)' };
    return { ...connection, discovered };
  })();
  // Awaited below in every path; this keeps a failure from counting as unhandled while the packs load.
  connecting.catch(() => {});
  try {
    const sources = options.packs ?? packSources(config.packs);
    const bases = [options.baseDir ?? process.cwd(), ...(options.resolveFrom ?? []), CORE_PACKAGE_DIR];
    let packs: ValidatedPack[];
    try {
      packs = await loadPacks(sources, { bases, logger });
    } catch (error) {
      // Pack errors come first, as before; what the connection opened is closed with the rest.
      await connecting.catch(() => {});
      throw error;
    }
    logger.debug('packs loaded', { packs: packs.map((p) => p.pack.id) });
    warmToolSchemas(packs);

    const { client, target, discovered } = await connecting;
    const policy: PolicyState = {
      mode: config.policy.mode,
      permissions: discovered.permissions,
      permissionsNote: discovered.note,
      tools: filterTools({ packs, policy: config.policy, permissions: discovered.permissions }),
    };
    const auditSink = config.logging.auditFile ? fileSink(config.logging.auditFile) : undefined;
    const auditLog: AuditLog = createAuditLog({
      sink: auditSink,
      logger: logger.child({ audit: true }),
      redact,
    });
    closers.push(() => auditLog.close());
    container = createContainer({ config, logger, client, auditLog, packs, policy, target, redact });
  } catch (error) {
    await closeAll();
    throw error;
  }

  const { client, policy, target, packs } = {
    client: container.resolve(ClientToken),
    policy: container.resolve(PolicyToken),
    target: container.resolve(TargetToken),
    packs: container.resolve(PacksToken),
  };
  container.onDispose(closeAll);
  const prepared: PreparedTool[] = prepareTools(policy.tools.enabled);
  const prompts: PromptEntry[] = filterPrompts(packs, policy.permissions);
  const instructions = buildInstructions({ mode: policy.mode, sandbox: target.sandbox, packs });
  const auditLog = container.resolve(AuditLogToken);
  const serverInfo = options.serverInfo ?? { name: 'mcp-panther', version: CORE_VERSION };
  logger.info('ready', {
    mode: policy.mode,
    sandbox: target.sandbox,
    tools: prepared.length,
    hidden: policy.tools.hidden.length,
  });

  const info = (): HostInfo => ({
    rest_api_url: target.rest,
    gql_api_url: target.graphql,
    sandbox: target.sandbox,
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
  const createServer = (): McpServer => {
    const server = new McpServer(serverInfo, { instructions, jsonSchemaValidator: lazyJsonSchemaValidator });
    registerTools(server, prepared, {
      client,
      logger,
      auditLog,
      mode: policy.mode,
      packScope: (id) => container.packScope(id),
      redact,
    });
    registerPrompts(server, prompts, { client, logger });
    registerConfigResource(server, info);
    return server;
  };

  let http: RunningHttpServer | undefined;
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
      // The streamable HTTP transport (and the web framework under it) is imported only when serving HTTP.
      const { startHttpServer } = await import('../transport/http.js');
      http = await startHttpServer({ server: config.server, createServer, logger });
      return http;
    },
    async serve() {
      if (config.server.transport === 'streamable-http') {
        await host.listen();
        return;
      }
      await host.connect(new StdioServerTransport());
    },
    async close() {
      if (closed) return;
      closed = true;
      await http?.close();
      for (const server of servers) await server.close().catch(() => {});
      await container.dispose();
    },
  };
  return host;
}
