import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import { readJson } from './readBody.js';
import { refuse } from './refuse.js';
import { assertRoutesFit, findRoute, type HttpRoute, serveRoute } from './routes.js';
import { assertSafeBinding, bearerMatches, hostAllowed, isWildcardHost, originAllowed } from './security.js';
import { maxSessionsLimit, type SessionLimit, SessionTable } from './sessions.js';
import type { TransportContext } from './types.js';

export interface HttpServerOptions {
  readonly server: HostConfig['server'];
  /** A fresh McpServer with everything registered (one per session, or per request when stateless). */
  readonly createServer: () => McpServer;
  readonly logger: Logger;
  /**
   * Who a request comes from, for session limits (default: the client's address). Every session records it, so
   * per-caller limits can be added as `SessionLimit`s.
   */
  readonly callerKey?: (req: IncomingMessage) => string;
  /** Limits on new sessions besides `server.maxSessions` (e.g. per caller). */
  readonly sessionLimits?: readonly SessionLimit[];
  /** Operational routes (`/metrics`) served beside MCP, each behind the Host and Origin checks and its own access rule. */
  readonly routes?: readonly HttpRoute[] | undefined;
}

export interface RunningHttpServer {
  /** `http://host:port/mcp`. */
  readonly url: string;
  readonly port: number;
  /** Open MCP sessions (0 when stateless). */
  readonly sessionCount: number;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

interface HttpSession {
  readonly transport: StreamableHTTPServerTransport;
  close(): Promise<void>;
}

const remoteAddress = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Streamable HTTP at `server.path` (default /mcp) on node:http, with GET /healthz. Every MCP request passes the
 * Host and Origin checks (403) and, when a token is configured, the bearer check (401). Refuses to start beyond
 * loopback without a token. Sessions (`mcp-session-id`) by default, at most `server.maxSessions`, each released
 * after `server.sessionIdleMs` without a request; `stateless: true` serves each request with a fresh server.
 * Refusals are written completely even when the body was not read (see refuse.ts).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const cfg = options.server;
  assertSafeBinding(cfg.host, cfg.authToken);
  const { logger } = options;
  const routes = options.routes ?? [];
  assertRoutesFit(routes, [cfg.path, '/healthz']);
  const routeGuard = {
    bindHost: cfg.host,
    allowedHosts: cfg.allowedHosts,
    allowedOrigins: cfg.allowedOrigins,
    logger,
  };
  const callerKey = options.callerKey ?? remoteAddress;
  const sessions = new SessionTable<HttpSession>({
    idleMs: cfg.sessionIdleMs,
    limits: [maxSessionsLimit(cfg.maxSessions), ...(options.sessionLimits ?? [])],
    onExpire: (info) =>
      logger.debug('http session expired', {
        idleMs: cfg.sessionIdleMs,
        sessions: sessions.size,
        caller: info.callerKey,
      }),
  });

  async function handleSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sessionId = header(req, 'mcp-session-id');
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJson(req);
      if (!read.ok) return refuse(req, res, read.status, read.message);
      body = read.value;
    }
    if (sessionId) {
      const request = sessions.begin(sessionId, req.method !== 'GET');
      if (!request)
        return refuse(req, res, 404, 'Session not found (it ended or expired): initialize a new one');
      res.once('close', request.done);
      return request.session.transport.handleRequest(req, res, body);
    }
    const isInit = Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
    if (req.method !== 'POST' || !isInit) {
      return refuse(req, res, 400, 'Bad Request: no valid mcp-session-id header (initialize first)');
    }
    const admission = await sessions.admit(callerKey(req));
    if ('status' in admission) {
      logger.warn('http session refused', { status: admission.status, sessions: sessions.size });
      return refuse(req, res, admission.status, admission.message, {
        'retry-after': String(admission.retryAfterSeconds),
      });
    }
    const server = options.createServer();
    let committed = false;
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        committed = true;
        admission.commit(id, {
          transport,
          async close() {
            await transport.close().catch(() => {});
            await server.close().catch(() => {});
          },
        });
        logger.debug('http session opened', { sessions: sessions.size });
      },
      onsessionclosed: (id) => sessions.remove(id),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.remove(transport.sessionId);
    };
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } finally {
      if (!committed) {
        admission.cancel();
        await server.close().catch(() => {});
      }
    }
  }

  async function handleStateless(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      return refuse(req, res, 405, 'Method not allowed (stateless server: POST only)', { allow: 'POST' });
    }
    const read = await readJson(req);
    if (!read.ok) return refuse(req, res, read.status, read.message);
    const server = options.createServer();
    const transport = new StreamableHTTPServerTransport({}); // no session id generator: stateless
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, read.value);
  }

  const http = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/healthz') {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          return refuse(req, res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
        }
        return sendJson(res, 200, { status: 'ok' });
      }
      const route = routes.length === 0 ? undefined : findRoute(routes, url.pathname);
      if (route !== undefined) return serveRoute(route, req, res, routeGuard);
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (path !== cfg.path.replace(/\/+$/, '')) return refuse(req, res, 404, 'Not found');
      if (!hostAllowed(header(req, 'host'), cfg.host, cfg.allowedHosts)) {
        logger.warn('http request refused: Host not allowed', { host: header(req, 'host') });
        return refuse(req, res, 403, 'Forbidden: Host header not allowed');
      }
      if (!originAllowed(header(req, 'origin'), cfg.allowedOrigins)) {
        logger.warn('http request refused: Origin not allowed', { origin: header(req, 'origin') });
        return refuse(req, res, 403, 'Forbidden: Origin not allowed');
      }
      if (cfg.authToken && !bearerMatches(header(req, 'authorization'), cfg.authToken)) {
        return refuse(req, res, 401, 'Unauthorized: a valid bearer token is required', {
          'www-authenticate': 'Bearer realm="mcp-panther"',
        });
      }
      if (cfg.stateless) await handleStateless(req, res);
      else await handleSession(req, res);
    })().catch((error: unknown) => {
      logger.error('http request failed', { error });
      refuse(req, res, 500, 'Internal server error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(cfg.port, cfg.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = isWildcardHost(cfg.host)
    ? '127.0.0.1'
    : cfg.host.includes(':')
      ? `[${cfg.host}]`
      : cfg.host;
  const url = `http://${shownHost}:${port}${cfg.path}`;
  if (isWildcardHost(cfg.host) && cfg.allowedHosts.length === 0) {
    logger.warn('listening on all interfaces with no server.allowedHosts: the Host header is not checked');
  }
  logger.info('listening', { url, stateless: cfg.stateless, auth: cfg.authToken ? 'bearer' : 'none' });

  return {
    url,
    port,
    get sessionCount() {
      return sessions.size;
    },
    async close() {
      await sessions.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** The transport module's entry (see transport/registry.ts). */
export function serve(context: TransportContext): Promise<RunningHttpServer> {
  return startHttpServer({
    server: context.config.server,
    createServer: context.createServer,
    logger: context.logger,
    routes: context.routes,
  });
}
