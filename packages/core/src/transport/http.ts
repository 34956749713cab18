import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { sharedTokenAuth } from '../auth/sharedToken.js';
import type { Admitted, HttpAuth } from '../auth/types.js';
import type { ToolsetRequest } from '../catalog/toolsetRequest.js';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import type { Readiness } from '../host/readiness.js';
import { batchRefusal, errorsPerMessage, messagesIn, RATE_LIMITED_CODE } from './batch.js';
import { createCallerRateLimit } from './callerRateLimit.js';
import { readJson } from './readBody.js';
import { refuse, refuseWith } from './refuse.js';
import { assertRoutesFit, findRoute, type HttpRoute, serveRoute } from './routes.js';
import { assertSafeBinding, hostAllowed, isWildcardHost, originAllowed } from './security.js';
import {
  callerSessionsLimit,
  maxSessionsLimit,
  type SessionBinding,
  type SessionLimit,
  type SessionLookup,
  SessionTable,
} from './sessions.js';
import { toolsetOfRequest } from './toolsetOfRequest.js';
import type { SessionInfo, TransportContext } from './types.js';

export interface HttpServerOptions {
  readonly server: HostConfig['server'];
  /**
   * A fresh McpServer for a caller, with everything its profile allows registered (one per session, or per
   * request when stateless).
   */
  readonly createServer: (session?: SessionInfo) => McpServer;
  readonly logger: Logger;
  /**
   * Who a request comes from (default: `server.authToken`'s single shared token, or nobody on loopback). Sessions
   * are keyed by the caller it returns, and its limits apply per caller.
   */
  readonly auth?: HttpAuth | undefined;
  /** Limits on new sessions besides `server.maxSessions` and the caller's own cap. */
  readonly sessionLimits?: readonly SessionLimit[];
  /** Operational routes (`/metrics`) served beside MCP, each behind the Host and Origin checks and its own access rule. */
  readonly routes?: readonly HttpRoute[] | undefined;
  /**
   * Checks the toolset a new session or stateless request asks for (URL path, `X-MCP-*` headers): a message
   * naming an unknown pack or tool (the request gets 400), or undefined.
   */
  readonly checkToolset?: ((requests: readonly ToolsetRequest[]) => string | undefined) | undefined;
  /**
   * Whether the server can serve calls now, answered at `GET /readyz` (200 ready, 503 not, with the state of
   * Panther and the shared store); `/healthz` only says the process serves. Without it `/readyz` is not served.
   */
  readonly readiness?: (() => Promise<Readiness>) | undefined;
}

export interface RunningHttpServer {
  /** `http://host:port/mcp`. */
  readonly url: string;
  readonly port: number;
  /** Open MCP sessions (0 when stateless). */
  readonly sessionCount: number;
  readonly servesRoutes: true;
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** The caller (display name, stable id, credential kind) and profile for a log line (never a token). */
const callerFields = (who: Admitted): Record<string, string> =>
  who.caller
    ? {
        caller: who.caller.name,
        callerId: who.caller.id,
        credential: who.caller.credential,
        ...(who.caller.profile ? { profile: who.caller.profile } : {}),
      }
    : {};

/** What a session remembers of the caller that opened it (never a token). */
const bindingOf = (who: Admitted): SessionBinding => ({
  key: who.key,
  grant: who.grant,
  profile: who.caller?.profile,
  regrant: who.regrant,
});

/** The answer to a request whose session cannot serve it. */
function sessionRefusal(
  found: Exclude<SessionLookup<unknown>, { ok: true }>,
  who: Admitted,
): { status: 403 | 404; message: string } {
  switch (found.reason) {
    case 'missing':
      return { status: 404, message: 'Session not found (it ended or expired): initialize a new one' };
    case 'other-caller':
      return {
        status: 403,
        message: 'Forbidden: this session was opened by another caller; initialize a session of your own',
      };
    case 'access-changed': {
      const now = who.caller?.profile;
      const change = found.was && now && found.was !== now ? ` (profile "${found.was}" → "${now}")` : '';
      return {
        status: 403,
        message: `Forbidden: your access changed since this session was opened${change}; the session is closed: initialize a new one`,
      };
    }
  }
}

interface HttpSession {
  readonly transport: StreamableHTTPServerTransport;
  close(): Promise<void>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Streamable HTTP at `server.path` (default /mcp) on node:http, with GET /healthz and the auth's public documents
 * (RFC 9728 metadata). Every MCP request passes the Host and Origin checks (403), authentication (401/403), the
 * batch bounds (400: `server.maxBatchSize`, none on protocol 2025-06-18 and later) and its caller's rate, where each
 * message of a batch is a call (429, one JSON-RPC error per message). Refuses to start beyond loopback without authentication. Sessions
 * (`mcp-session-id`) by default, at most `server.maxSessions` and the caller's own cap, each bound to the caller
 * that opened it and to what it was granted (another profile, a rotated token: 403 and the session ends),
 * released after `server.sessionIdleMs` without a request or `server.sessionMaxAgeMs` after it opened; `stateless: true` serves each
 * request with a fresh server. Refusals are written completely even when the body was not read (see refuse.ts).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const cfg = options.server;
  const auth = options.auth ?? sharedTokenAuth(cfg.authToken);
  assertSafeBinding(cfg.host, auth.required);
  const { logger } = options;
  const routes = options.routes ?? [];
  const readiness = options.readiness;
  assertRoutesFit(routes, [
    cfg.path,
    '/healthz',
    ...(readiness ? ['/readyz'] : []),
    ...auth.documents.keys(),
  ]);
  const routeGuard = {
    bindHost: cfg.host,
    allowedHosts: cfg.allowedHosts,
    allowedOrigins: cfg.allowedOrigins,
    logger,
  };
  const rate = createCallerRateLimit();
  const sessions = new SessionTable<HttpSession>({
    idleMs: cfg.sessionIdleMs,
    maxAgeMs: cfg.sessionMaxAgeMs,
    limits: [maxSessionsLimit(cfg.maxSessions), ...(options.sessionLimits ?? [])],
    onEnd: (info, why) =>
      why === 'access-changed'
        ? logger.info('http session ended: its caller’s access changed', {
            sessions: sessions.size,
            caller: info.callerKey,
          })
        : logger.debug('http session expired', {
            why,
            ...(why === 'idle' ? { idleMs: cfg.sessionIdleMs } : { maxAgeMs: cfg.sessionMaxAgeMs }),
            sessions: sessions.size,
            caller: info.callerKey,
          }),
  });
  // A reload that changes tokens or profiles ends the sessions whose callers would now be granted something else.
  const stopWatchingAccess = auth.onChange?.(() => sessions.recheck());

  /** A 400 naming what the toolset request gets wrong, or undefined when the host knows every name in it. */
  const toolsetRefusal = (requests: readonly ToolsetRequest[]): string | undefined =>
    requests.length === 0 ? undefined : options.checkToolset?.(requests);

  async function handleSession(
    req: IncomingMessage,
    res: ServerResponse,
    who: Admitted,
    toolset: readonly ToolsetRequest[],
    body: unknown,
  ): Promise<void> {
    const sessionId = header(req, 'mcp-session-id');
    const binding = bindingOf(who);
    if (sessionId) {
      // An identified caller reaches only its own sessions, and only with the grant it opened them with;
      // a session keeps the toolset it was opened with.
      const found = sessions.begin(sessionId, req.method !== 'GET', who.caller ? binding : undefined);
      if (!found.ok) {
        const refusal = sessionRefusal(found, who);
        if (found.reason !== 'missing') {
          logger.warn('http session refused', { reason: found.reason, ...callerFields(who) });
        }
        return refuse(req, res, refusal.status, refusal.message);
      }
      res.once('close', found.done);
      return found.session.transport.handleRequest(req, res, body);
    }
    const isInit = Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
    if (req.method !== 'POST' || !isInit) {
      return refuse(req, res, 400, 'Bad Request: no valid mcp-session-id header (initialize first)');
    }
    const refusal = toolsetRefusal(toolset);
    if (refusal !== undefined) return refuse(req, res, 400, refusal);
    const own = who.limits.maxSessions === undefined ? [] : [callerSessionsLimit(who.limits.maxSessions)];
    const admission = await sessions.admit(who.key, own, binding);
    if ('status' in admission) {
      logger.warn('http session refused', {
        status: admission.status,
        sessions: sessions.size,
        ...callerFields(who),
      });
      return refuse(req, res, admission.status, admission.message, {
        'retry-after': String(admission.retryAfterSeconds),
      });
    }
    const server = options.createServer({ caller: who.caller, toolset });
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
        logger.debug('http session opened', { sessions: sessions.size, ...callerFields(who) });
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

  async function handleStateless(
    req: IncomingMessage,
    res: ServerResponse,
    who: Admitted,
    toolset: readonly ToolsetRequest[],
    body: unknown,
  ): Promise<void> {
    if (req.method !== 'POST') {
      return refuse(req, res, 405, 'Method not allowed (stateless server: POST only)', { allow: 'POST' });
    }
    // Stateless: the request carries its toolset each time.
    const refusal = toolsetRefusal(toolset);
    if (refusal !== undefined) return refuse(req, res, 400, refusal);
    const server = options.createServer({ caller: who.caller, toolset });
    const transport = new StreamableHTTPServerTransport({}); // no session id generator: stateless
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
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
      if (readiness !== undefined && url.pathname === '/readyz') {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          return refuse(req, res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
        }
        // States only: no URL, reason or token, since the route answers without authentication.
        const now = await readiness();
        const { ready, ...parts } = now;
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unready', ...parts });
      }
      const document = auth.documents.get(url.pathname);
      if (document !== undefined) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          return refuse(req, res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
        }
        // Public metadata that browser-based clients read too.
        return sendJson(res, 200, document, { 'access-control-allow-origin': '*' });
      }
      const route = routes.length === 0 ? undefined : findRoute(routes, url.pathname);
      if (route !== undefined) return serveRoute(route, req, res, routeGuard);
      // The endpoint, or a toolset path below it (`/mcp/x/alerts`, `/mcp/readonly`).
      const toolset = toolsetOfRequest(url.pathname, cfg.path, req.headers);
      if (toolset === undefined) return refuse(req, res, 404, 'Not found');
      if (!hostAllowed(header(req, 'host'), cfg.host, cfg.allowedHosts)) {
        logger.warn('http request refused: Host not allowed', { host: header(req, 'host') });
        return refuse(req, res, 403, 'Forbidden: Host header not allowed');
      }
      if (!originAllowed(header(req, 'origin'), cfg.allowedOrigins)) {
        logger.warn('http request refused: Origin not allowed', { origin: header(req, 'origin') });
        return refuse(req, res, 403, 'Forbidden: Origin not allowed');
      }
      const who = await auth.authenticate({
        authorization: header(req, 'authorization'),
        remoteAddress: req.socket.remoteAddress ?? 'unknown',
      });
      if (!who.ok) {
        logger.info('http request refused', { status: who.status, reason: who.reason });
        return refuse(req, res, who.status, who.message, who.headers);
      }
      // The body is read here, before the SDK sees it: a batch is bounded, and each of its messages is a call.
      let body: unknown;
      if (req.method === 'POST') {
        const read = await readJson(req);
        if (!read.ok) return refuse(req, res, read.status, read.message);
        body = read.value;
        const refused = batchRefusal(body, {
          maxBatchSize: cfg.maxBatchSize,
          protocolVersion: header(req, 'mcp-protocol-version'),
        });
        if (refused !== undefined) {
          logger.info('http request refused: batch', { status: 400, reason: refused, ...callerFields(who) });
          return refuseWith(req, res, 400, errorsPerMessage(body, { code: -32600, message: refused }));
        }
      }
      const { requestsPerMinute, burst } = who.limits;
      if (requestsPerMinute !== undefined) {
        const calls = messagesIn(body);
        const wait = rate.take(who.key, { requestsPerMinute, burst }, calls);
        if (wait !== undefined) {
          logger.info('http request refused: rate', { status: 429, calls, ...callerFields(who) });
          const counted = calls > 1 ? ` (this batch counts ${calls})` : '';
          const message = `Too many requests: at most ${requestsPerMinute} calls a minute for your profile${counted}; retry in ${wait} s`;
          return refuseWith(
            req,
            res,
            429,
            errorsPerMessage(body, { code: RATE_LIMITED_CODE, message, data: { retryAfterSeconds: wait } }),
            { 'retry-after': String(wait) },
          );
        }
      }
      if (!toolset.ok) return refuse(req, res, 400, toolset.message);
      if (cfg.stateless) await handleStateless(req, res, who, toolset.requests, body);
      else await handleSession(req, res, who, toolset.requests, body);
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
  logger.info('listening', { url, stateless: cfg.stateless, auth: auth.kind });
  void auth.warm?.();

  return {
    url,
    port,
    servesRoutes: true,
    get sessionCount() {
      return sessions.size;
    },
    async close() {
      stopWatchingAccess?.();
      await sessions.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** The transport module's entry (see transport/registry.ts). */
export async function serve(context: TransportContext): Promise<RunningHttpServer> {
  return startHttpServer({
    server: context.config.server,
    createServer: context.createServer,
    logger: context.logger,
    routes: context.routes,
    auth: await context.auth?.(),
    checkToolset: context.checkToolset,
    readiness: context.readiness,
  });
}
