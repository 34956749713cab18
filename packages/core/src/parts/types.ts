import type {
  CacheStore,
  PantherClient,
  RateLimiter,
  SingleFlight,
  UpstreamCallObserver,
} from '@mcp-panther/client';
import type { AuditSink } from '../audit/auditSink.js';
import type { AccessTokenVerifier } from '../auth/accessTokens.js';
import type { CallHook } from '../calls/types.js';
import type { OAuthConfig } from '../config/authSchema.js';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import type { HostLogger } from '../logging/createLogger.js';
import type { Redactor } from '../security/redact.js';
import type { SharedStore } from '../sharedStore/types.js';
import type { HttpRoute } from '../transport/routes.js';
import type { TransportEntry } from '../transport/types.js';
import type { ClientScope, PantherTarget } from '../types.js';

/** The Panther the host talks to, as a `connect` part finds it: where, with which token, and what to close. */
export interface PantherConnection {
  readonly target: PantherTarget;
  /** The API token; never logged, never shown. */
  readonly token: string;
  /** More values to redact everywhere (other tokens the connection knows). */
  readonly secrets?: readonly string[] | undefined;
  close?(): Promise<void>;
}

export interface PartContext {
  readonly config: HostConfig;
  readonly logger: Logger;
}

/**
 * The parts of a host that can really be swapped, each as a factory. The composition root builds each one once
 * (per Panther token where scoped) on first use and closes what it built, in reverse order.
 */
export interface HostParts {
  logger(ctx: { readonly config: HostConfig; readonly redact: Redactor }): HostLogger;
  /** Finds the Panther to talk to. Default: the config's URL (with discovery) and token. */
  connect(ctx: PartContext): Promise<PantherConnection>;
  auditSink(ctx: PartContext): AuditSink;
  cacheStore(ctx: PartContext & { readonly scope: ClientScope }): CacheStore;
  singleFlight(ctx: PartContext & { readonly scope: ClientScope }): SingleFlight;
  /**
   * One per Panther instance: the request budget toward it. `share` (0–1] is the part of the budget this process
   * holds on its own: 1 alone, less as the local fallback of a budget shared by several replicas.
   */
  rateLimiter(ctx: PartContext & { readonly target: PantherTarget; readonly share: number }): RateLimiter;
  /**
   * What replicas share (cache, in-flight reads, request budget), or `undefined` for none. The three parts above
   * become its local fallbacks. Default: none (the CLI gives `@mcp-panther/redis`'s when its section is set).
   */
  sharedStore(ctx: PartContext): Promise<SharedStore | undefined> | SharedStore | undefined;
  pantherClient(
    ctx: PartContext & {
      readonly target: PantherTarget;
      readonly token: string;
      readonly cacheStore: CacheStore;
      readonly singleFlight: SingleFlight;
      readonly rateLimiter: RateLimiter;
      /** The `upstreamObservers` as one observer; undefined when there are none (the client then times nothing). */
      readonly onUpstreamCall: UpstreamCallObserver | undefined;
    },
  ): PantherClient;
  /**
   * Told about every attempt a Panther client sends (metrics, trace spans): the one stream of events about
   * requests to Panther (tool calls are watched by call hooks of the `observe` phase). Default: none.
   */
  upstreamObservers(ctx: PartContext): readonly UpstreamCallObserver[];
  /** More routes on the HTTP listener besides MCP and /healthz (`/metrics`), behind the same checks. Default: none. */
  httpRoutes(ctx: PartContext): readonly HttpRoute[];
  /**
   * The hooks around every tool call, given the host's defaults: add to them (each new hook names its phase, and
   * may sit before or after a named hook of it), or leave some out. They run in phase order, whatever the list
   * order (`orderHooks`).
   */
  callHooks(ctx: PartContext & { readonly defaults: readonly CallHook[] }): readonly CallHook[];
  /**
   * Checks the OAuth access tokens of HTTP callers (`server.auth.oauth`), built when HTTP is first served. Default:
   * JWTs with the issuer's keys; opaque tokens by introspection when `oauth.introspection` is set.
   */
  accessTokenVerifier(
    ctx: PartContext & {
      readonly oauth: OAuthConfig;
      /** The introspection client secret (`oauth.introspection.clientSecretEnv` or `…File`), when configured. */
      readonly introspectionSecret: string | undefined;
    },
  ): AccessTokenVerifier | Promise<AccessTokenVerifier>;
  /** Transports by name (`server.transport` picks one). */
  readonly transports: Readonly<Record<string, TransportEntry>>;
}
