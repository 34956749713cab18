import type { PantherClient } from '@mcp-panther/client';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { HttpAuth } from '../auth/types.js';
import { composeHooks } from '../calls/composeHooks.js';
import { invokeTool } from '../calls/invokeTool.js';
import {
  type Catalog,
  catalogChanges,
  describeCatalog,
  type KnownPermissions,
  NO_CHANGES,
  type PolicyState,
} from '../catalog/catalog.js';
import { narrowCatalog, rememberedNarrowing } from '../catalog/narrowCatalog.js';
import { type PantherProbe, probePanther } from '../catalog/probePanther.js';
import { buildCatalogs, type Catalogs, permissionReader, profileSources } from '../catalog/profiles.js';
import { warmToolSchemas } from '../catalog/toolset.js';
import {
  checkToolsetRequest,
  describeRequests,
  narrows,
  type ToolsetRequest,
  ToolsetRequestError,
} from '../catalog/toolsetRequest.js';
import { checkTeamConfig } from '../config/checkTeamConfig.js';
import type { HostConfig } from '../config/schema.js';
import { readTeamSecrets, type TeamSecrets } from '../config/secrets.js';
import type { Logger } from '../define/types.js';
import { createContainer } from '../di/createContainer.js';
import { CallHooksToken, LoggerToken } from '../di/tokens.js';
import { McpHostError } from '../errors.js';
import { CORE_PACKAGE_DIR, CORE_VERSION } from '../loading/coreVersion.js';
import { loadPacks, packSources } from '../loading/loadPacks.js';
import type { HostLogger } from '../logging/createLogger.js';
import { hostOwnerRecords } from '../ownership/hostOwnerRecords.js';
import { DEFAULT_PARTS } from '../parts/defaultParts.js';
import type { HostParts, PantherConnection } from '../parts/types.js';
import { createRedactor, maskUrlCredentials } from '../security/redact.js';
import type { HostInfo } from '../server/configResource.js';
import { lazyJsonSchemaValidator } from '../server/jsonSchemaValidator.js';
import { serveSession } from '../server/serveSession.js';
import type { SharedStore, SharedStoreView } from '../sharedStore/types.js';
import type { RunningHttpServer } from '../transport/http.js';
import { HTTP_TRANSPORT } from '../transport/registry.js';
import type { RunningTransport, SessionInfo } from '../transport/types.js';
import type { PackSource, PantherTarget, ValidatedPack } from '../types.js';
import { collectSecrets } from './hostSecrets.js';
import { assertPantherUsable } from './pantherUsable.js';
import { createReadiness, type Readiness } from './readiness.js';
import { appliedConfig, type ReloadOptions, type ReloadReport, restartOnlyChanges } from './reload.js';
import { createSessionRegistry } from './sessionRegistry.js';

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
  /** Where secrets named by `…Env` fields are read (default: `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** More values to redact everywhere: what config sections hold (`LoadedConfig.secrets`). */
  readonly secrets?: readonly string[] | undefined;
  /**
   * What every connection is narrowed to (the command's `--toolsets`, `--tools`, `--read-only`): it takes tools
   * away from every catalog, the top-level one and each profile's, and connections may narrow further.
   */
  readonly toolset?: ToolsetRequest | undefined;
}

export interface Host {
  /**
   * The config in force: the start-up config, with `packs`, `policy`, `profiles` and `server.auth.tokens` as the
   * last reload applied them.
   */
  readonly config: HostConfig;
  readonly packs: readonly ValidatedPack[];
  /** The top-level policy's outcome (stdio, and HTTP without `server.auth`). */
  readonly policy: PolicyState;
  /** Each profile's policy outcome, by name (HTTP callers identified by `server.auth`). */
  readonly profiles: ReadonlyMap<string, PolicyState>;
  readonly target: PantherTarget;
  readonly client: PantherClient;
  readonly logger: Logger;
  /** The instructions a new session gets. */
  readonly instructions: string;
  /** What this replica shares with others (the `sharedStore` part), when there is one: its state and counters. */
  readonly sharedStore: SharedStoreView | undefined;
  /**
   * Whether the server can serve calls now (what `GET /readyz` answers): Panther answers and accepts the token,
   * and the shared store, when configured, is up.
   */
  readiness(): Promise<Readiness>;
  /** What `config://panther` shows (for a profile when named, and a connection's toolset when given). */
  info(profile?: string, toolset?: readonly ToolsetRequest[]): HostInfo;
  /**
   * A new McpServer serving every allowed tool, prompt and resource of the current catalog of the session's
   * caller: its profile's, or the top-level policy's when it has none.
   */
  createServer(session?: SessionInfo): McpServer;
  /** Serves one MCP connection on a transport (stdio, in-memory). */
  connect(transport: Transport): Promise<McpServer>;
  /** Serves streamable HTTP per `config.server`. */
  listen(): Promise<RunningHttpServer>;
  /** Serves the transport the config names. Returns once serving has started. */
  serve(): Promise<RunningTransport>;
  /**
   * Applies a new config's `packs`, `policy`, `profiles` and static tokens without a restart: loads and checks the
   * packs, reads the tokens' secrets, filters the tools, swaps what every session serves and tells connected
   * clients what changed; HTTP sessions whose caller would now get another profile (or whose static token was
   * rotated or removed) end. Calls in flight finish on what they started with. Throws (and changes nothing) when
   * a pack fails to load, a secret cannot be read or the team settings do not hold together.
   */
  reload(options: ReloadOptions): Promise<ReloadReport>;
  close(): Promise<void>;
}

/** The shared store as `config://panther` shows it: what and where (credentials masked), and its state. */
function sharedStoreInfo(store: SharedStoreView): Record<string, unknown> {
  const { kind, location, state, outages } = store.status();
  return { kind, location, state, outages };
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
  const warnings = checkTeamConfig(config);
  // Read before anything logs: every secret is in the redaction list from the first line on.
  const env = options.env ?? process.env;
  let team: TeamSecrets = readTeamSecrets(config, { env, baseDir: options.baseDir ?? process.cwd() });
  const secrets = [...collectSecrets(config, team), ...(options.secrets ?? [])];
  const redact = createRedactor(() => secrets);
  const parts = chooseParts(options);
  const container = createContainer({ config, parts, redact });
  const logger = container.resolve(LoggerToken);
  for (const warning of warnings) logger.warn(warning);
  // Each Panther token's permissions are read once, at start-up or at the first reload that needs them.
  const permissionsOf = permissionReader(logger);
  // Connecting to what replicas share (the shared store) runs alongside everything else, and is done before the first client.
  const sharing = (async (): Promise<SharedStore | undefined> => {
    const store = await parts.sharedStore({ config, logger });
    if (store) container.setSharedStore(store);
    return store;
  })();
  sharing.catch(() => {});
  const closeAll = async () => {
    // A store still connecting is closed with the rest, never left holding the process open.
    await sharing.catch(() => {});
    await container.dispose();
    if (!options.logger) await logger.close();
  };

  let connection: PantherConnection;
  let sharedStore: SharedStore | undefined;
  let packs: ValidatedPack[];
  let permissions: KnownPermissions;
  let client: PantherClient;
  let startProbe: PantherProbe;
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
      await sharing;
      const connected = options.client ?? container.clientFor(found.token);
      // Asked whatever the policy: start-up needs to know that Panther answers and accepts the token.
      const read = await permissionsOf(connected);
      const discovered: KnownPermissions = config.policy.hideUnpermittedTools
        ? read
        : { permissions: undefined, note: 'switched off (policy.hideUnpermittedTools: false)' };
      return { found, connected, discovered, probe: read.probe };
    })();
    // Awaited below in every path; this keeps a failure from counting as unhandled while the packs load.
    connecting.catch(() => {});
    const sources = options.packs ?? packSources(config.packs);
    try {
      packs = await loadPacks(sources, {
        bases: bases(options.baseDir),
        logger,
        buildContext: async () => ({ client: (await connecting).connected, logger }),
      });
    } catch (error) {
      // Pack errors come first; what the connection opened is closed with the rest.
      await connecting.catch(() => {});
      throw error;
    }
    if (options.toolset) checkToolsetRequest(options.toolset, packs);
    logger.debug('packs loaded', { packs: packs.map((p) => p.pack.id) });
    warmToolSchemas(packs);
    const { found, connected, discovered, probe } = await connecting;
    sharedStore = await sharing;
    connection = found;
    client = connected;
    permissions = discovered;
    startProbe = probe;
    assertPantherUsable(probe, found.target, config.panther.allowUnreachable, logger);
  } catch (error) {
    await closeAll();
    throw error;
  }

  function bases(baseDir: string | undefined): string[] {
    return [baseDir ?? options.baseDir ?? process.cwd(), ...(options.resolveFrom ?? []), CORE_PACKAGE_DIR];
  }

  const target = connection.target;
  // Who started which data lake query: every session's calls, and every replica's through the shared store.
  const owners = hostOwnerRecords({
    target,
    sharedStore,
    settings: () => current.config.policy.ownership,
  });
  container.onDispose(() => owners.close());
  // Each profile with the client of its Panther token; a reload reads them again.
  const sourcesOf = (nextConfig: HostConfig, secretsRead: TeamSecrets) =>
    profileSources({
      profiles: nextConfig.profiles,
      pantherTokens: secretsRead.pantherTokens,
      hostClient: client,
      clientFor: (token) => container.clientFor(token),
    });
  // The command's toolset narrows every catalog, as it is built (at start-up and on each reload).
  const hostToolset = options.toolset && narrows(options.toolset) ? [options.toolset] : [];
  const catalogsFor = async (
    nextPacks: readonly ValidatedPack[],
    policy: HostConfig['policy'],
    known: KnownPermissions,
    profiles: ReturnType<typeof sourcesOf>,
  ): Promise<Catalogs> => {
    const built = await buildCatalogs({
      packs: nextPacks,
      policy,
      base: { client, permissions: known },
      profiles,
      permissionsOf,
      target,
      packScope: (pack) => container.packScope(pack),
    });
    if (hostToolset.length === 0) return built;
    return {
      base: narrowCatalog(built.base, hostToolset, target),
      profiles: new Map(
        [...built.profiles].map(([name, c]) => [name, narrowCatalog(c, hostToolset, target)]),
      ),
    };
  };
  let current: { config: HostConfig; catalogs: Catalogs };
  try {
    current = {
      config,
      catalogs: await catalogsFor(packs, config.policy, permissions, sourcesOf(config, team)),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
  // What `/readyz` reports: Panther asked again when its last answer is a few seconds old; the shared store as it is.
  const readiness = createReadiness({
    probe: () => probePanther(client),
    initial: startProbe,
    sharedStore,
  });
  const runCall = composeHooks(container.resolve(CallHooksToken), invokeTool);
  const serverInfo = options.serverInfo ?? { name: 'mcp-panther', version: CORE_VERSION };
  const startCatalogs = current.catalogs;
  logger.info('ready', {
    mode: startCatalogs.base.policy.mode,
    panther: target.label ?? maskUrlCredentials(target.rest),
    tools: startCatalogs.base.toolset.tools.size,
    hidden: startCatalogs.base.policy.tools.hidden.length,
    ...(hostToolset.length > 0 ? { toolset: describeRequests(hostToolset) } : {}),
    ...(startCatalogs.profiles.size > 0
      ? {
          profiles: Object.fromEntries(
            [...startCatalogs.profiles].map(([name, c]) => [
              name,
              { mode: c.policy.mode, tools: c.toolset.tools.size },
            ]),
          ),
        }
      : {}),
  });

  /** The catalog a profile's callers are served (the top-level one without a profile). */
  const catalogOf = (profile: string | undefined): Catalog => {
    if (profile === undefined) return current.catalogs.base;
    const catalog = current.catalogs.profiles.get(profile);
    if (catalog === undefined) throw new McpHostError('CONFIG_INVALID', `There is no profile "${profile}"`);
    return catalog;
  };
  // A connection's own toolset narrows its profile's catalog further (remembered per catalog and request).
  const narrowing = rememberedNarrowing(target);
  const viewOf = (profile: string | undefined, toolset: readonly ToolsetRequest[]): Catalog =>
    narrowing(catalogOf(profile), toolset);
  const info = (profile?: string, toolset: readonly ToolsetRequest[] = []): HostInfo => {
    const asked = [...hostToolset, ...toolset].filter(narrows);
    return {
      ...describeCatalog(viewOf(profile, toolset), target, profile),
      ...(asked.length > 0 ? { toolset: describeRequests(asked) } : {}),
      ...(sharedStore ? { shared_store: sharedStoreInfo(sharedStore) } : {}),
    };
  };
  /** What a transport answers a toolset request that names an unknown pack or tool (a 400). */
  const checkToolset = (requests: readonly ToolsetRequest[]): string | undefined => {
    try {
      for (const request of requests) checkToolsetRequest(request, current.catalogs.base.packs);
      return undefined;
    } catch (error) {
      if (error instanceof ToolsetRequestError) return error.message;
      throw error;
    }
  };

  const sessions = createSessionRegistry();
  const createServer = (session: SessionInfo = {}): McpServer => {
    const profile = session.caller?.profile;
    const toolset = session.toolset ?? [];
    const server = new McpServer(serverInfo, {
      instructions: viewOf(profile, toolset).instructions,
      jsonSchemaValidator: lazyJsonSchemaValidator,
    });
    serveSession(server, {
      toolset: () => viewOf(profile, toolset).toolset,
      run: runCall,
      info: () => info(profile, toolset),
      redact,
      logger,
      caller: session.caller,
      views: current.config.views,
      owners,
    });
    sessions.add(server, profile);
    return server;
  };

  const applyReload = async (next: ReloadOptions): Promise<ReloadReport> => {
    const nextPacks = await loadPacks(next.packs ?? packSources(next.config.packs), {
      bases: bases(next.baseDir),
      logger,
      buildContext: async () => ({ client, logger }),
    });
    if (options.toolset) checkToolsetRequest(options.toolset, nextPacks);
    warmToolSchemas(nextPacks);
    let known: KnownPermissions = {
      permissions: undefined,
      note: 'switched off (policy.hideUnpermittedTools: false)',
    };
    if (next.config.policy.hideUnpermittedTools) known = await permissionsOf(client);
    // Profiles and static tokens follow the file too: checked, and their secrets read, before anything changes.
    const applied = appliedConfig(current.config, next.config);
    const teamWarnings = checkTeamConfig(applied);
    const nextTeam = readTeamSecrets(applied, {
      env,
      baseDir: next.baseDir ?? options.baseDir ?? process.cwd(),
    });
    const catalogs = await catalogsFor(nextPacks, applied.policy, known, sourcesOf(applied, nextTeam));
    const auth = httpAuth === undefined ? undefined : await httpAuth;
    // From here on nothing waits: catalogs, secrets, tokens and profiles change together.
    for (const secret of collectSecrets(applied, nextTeam))
      if (!secrets.includes(secret)) secrets.push(secret);
    const needsRestart = restartOnlyChanges(applied, next.config);
    const before = current.catalogs;
    const changes = catalogChanges(before.base, catalogs.base);
    current = { config: applied, catalogs };
    team = nextTeam;
    // Sessions whose caller is now granted another profile (or whose static token changed) end here.
    auth?.reconfigure?.(applied, nextTeam.tokens);
    sessions.announce((profile) => {
      if (profile === undefined) return changes;
      const was = before.profiles.get(profile);
      const now = catalogs.profiles.get(profile);
      return was && now ? catalogChanges(was, now) : NO_CHANGES;
    });
    for (const warning of teamWarnings) logger.warn(warning);
    return {
      addedTools: changes.addedTools,
      removedTools: changes.removedTools,
      notified: { tools: changes.tools, prompts: changes.prompts, resources: changes.resources },
      sessions: sessions.connected(),
      needsRestart,
    };
  };

  // Built when HTTP is first served: the JOSE library and the token verifier stay out of a stdio start.
  let httpAuth: Promise<HttpAuth> | undefined;
  const authForHttp = (): Promise<HttpAuth> => {
    httpAuth ??= (async () => {
      const oauth = config.server.auth?.oauth;
      const verifier = oauth
        ? await parts.accessTokenVerifier({
            config,
            logger,
            oauth,
            introspectionSecret: team.introspectionSecret,
          })
        : undefined;
      const { createHttpAuth } = await import('../auth/createHttpAuth.js');
      // The tokens and profiles in force when HTTP starts; a reload hands the auth its new ones.
      return createHttpAuth(current.config, team.tokens, verifier);
    })();
    return httpAuth;
  };

  const running: RunningTransport[] = [];
  let closed = false;
  // One reload at a time, in the order asked: two quick edits never interleave.
  let reloads: Promise<unknown> = Promise.resolve();
  /** What every transport is given: the config, the logger, sessions' servers, extra routes and HTTP auth. */
  const transportContext = () => ({
    config,
    logger,
    createServer,
    routes: parts.httpRoutes({ config, logger }),
    auth: authForHttp,
    checkToolset,
    readiness,
  });
  /** Serves one transport of the registry (`parts.transports`), by name. */
  const serveTransport = async (name: string): Promise<RunningTransport> => {
    const entry = parts.transports[name];
    if (entry === undefined) throw new McpHostError('CONFIG_INVALID', `There is no transport "${name}"`);
    const served = await (await entry.load()).serve(transportContext());
    running.push(served);
    return served;
  };
  const host: Host = {
    get config() {
      return current.config;
    },
    get packs() {
      return current.catalogs.base.packs;
    },
    get policy() {
      return current.catalogs.base.policy;
    },
    get profiles() {
      return new Map([...current.catalogs.profiles].map(([name, catalog]) => [name, catalog.policy]));
    },
    target,
    client,
    logger,
    get instructions() {
      return current.catalogs.base.instructions;
    },
    sharedStore: sharedStore
      ? { status: sharedStore.status, onStateChange: sharedStore.onStateChange }
      : undefined,
    info,
    readiness,
    createServer,
    async connect(transport) {
      const server = createServer();
      await server.connect(transport);
      return server;
    },
    async listen() {
      return (await serveTransport(HTTP_TRANSPORT)) as RunningHttpServer;
    },
    serve: () => serveTransport(config.server.transport),
    reload(next) {
      if (closed) return Promise.reject(new Error('the host is closed'));
      const result = reloads.then(() => applyReload(next));
      reloads = result.catch(() => {});
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const transport of running.splice(0)) await transport.close().catch(() => {});
      await sessions.closeAll();
      await reloads;
      await closeAll();
    },
  };
  return host;
}
