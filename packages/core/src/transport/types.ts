import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { HttpAuth } from '../auth/types.js';
import type { ToolsetRequest } from '../catalog/toolsetRequest.js';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import type { Readiness } from '../host/readiness.js';
import type { Caller } from '../types.js';
import type { HttpRoute } from './routes.js';

/** What a transport knows of the connection a server is made for. */
export interface SessionInfo {
  readonly caller?: Caller | undefined;
  /**
   * What the connection asked to see (an HTTP path or headers): it narrows, never widens, what the caller's
   * profile and the server's policy allow. A session keeps the toolset it was opened with.
   */
  readonly toolset?: readonly ToolsetRequest[] | undefined;
}

export interface TransportContext {
  readonly config: HostConfig;
  readonly logger: Logger;
  /** A fresh McpServer with everything this session may see registered. */
  createServer(session?: SessionInfo): McpServer;
  /** Operational routes an HTTP transport serves besides MCP (`/metrics`); other transports ignore them. */
  readonly routes?: readonly HttpRoute[] | undefined;
  /**
   * How network callers authenticate and which profile each gets, built on first use (transports without
   * callers never ask).
   */
  readonly auth?: (() => Promise<HttpAuth>) | undefined;
  /** Checks a connection's toolset request against the loaded packs: a message naming an unknown name, or undefined. */
  readonly checkToolset?: ((requests: readonly ToolsetRequest[]) => string | undefined) | undefined;
  /** Whether the server can serve calls now (an HTTP transport answers it at `/readyz`). */
  readonly readiness?: (() => Promise<Readiness>) | undefined;
}

/** A transport that is serving; `url` and `port` when it listens on the network. */
export interface RunningTransport {
  readonly url?: string | undefined;
  readonly port?: number | undefined;
  /** True when it serves the context's extra HTTP `routes` (`/metrics`) beside MCP. */
  readonly servesRoutes?: boolean | undefined;
  /** Open MCP sessions, when the transport keeps sessions (streamable HTTP). */
  readonly sessionCount?: number | undefined;
  close(): Promise<void>;
}

/** A transport module: serves MCP until closed. */
export interface TransportModule {
  serve(context: TransportContext): Promise<RunningTransport>;
}

/** Imports a transport only when it is chosen (the HTTP stack stays out of a stdio start). */
export type TransportLoader = () => Promise<TransportModule>;

/** A transport of the registry: how to load it, and what others need to know of it without loading it. */
export interface TransportEntry {
  readonly load: TransportLoader;
  /** Other names `server.transport` accepts for it. */
  readonly aliases?: readonly string[] | undefined;
  /** Speaks MCP over the process's stdin and stdout (the CLI then stops when stdin ends). */
  readonly processStdio?: boolean | undefined;
}
