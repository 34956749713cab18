import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import { assertSafeBinding, bearerMatches, hostAllowed, isWildcardHost, originAllowed } from './security.js';
import type { TransportContext } from './types.js';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpServerOptions {
  readonly server: HostConfig['server'];
  /** A fresh McpServer with everything registered (one per session, or per request when stateless). */
  readonly createServer: () => McpServer;
  readonly logger: Logger;
}

export interface RunningHttpServer {
  /** `http://host:port/mcp`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function rpcError(
  res: ServerResponse,
  status: number,
  message: string,
  headers?: Record<string, string>,
): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code: -32000, message }, id: null }, headers);
}

/** The request body as JSON. Listeners, not `for await`: the async iterator costs more on every request. */
function readJson(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.off('end', onEnd);
        resolve({ ok: false, status: 413, message: 'Request body too large' });
        // Read no more of it (as breaking out of `for await` did).
        req.destroy();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        const text =
          chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        resolve({ ok: true, value: JSON.parse(text) });
      } catch {
        resolve({ ok: false, status: 400, message: 'Parse error: the body is not JSON' });
      }
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Streamable HTTP at `server.path` (default /mcp) on node:http, with GET /healthz. Every MCP request passes the
 * Host and Origin checks (403) and, when a token is configured, the bearer check (401). Refuses to start beyond
 * loopback without a token. Sessions (`mcp-session-id`) by default; `stateless: true` serves each request with a
 * fresh server.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const cfg = options.server;
  assertSafeBinding(cfg.host, cfg.authToken);
  const { logger } = options;
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>();

  async function handleSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sessionId = header(req, 'mcp-session-id');
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJson(req);
      if (!read.ok) return rpcError(res, read.status, read.message);
      body = read.value;
    }
    if (sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return rpcError(res, 404, 'Session not found');
      return session.transport.handleRequest(req, res, body);
    }
    const isInit = Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
    if (req.method !== 'POST' || !isInit) {
      return rpcError(res, 400, 'Bad Request: no valid mcp-session-id header (initialize first)');
    }
    const server = options.createServer();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server });
        logger.debug('http session opened', { sessions: sessions.size });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async function handleStateless(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      return rpcError(res, 405, 'Method not allowed (stateless server: POST only)', { allow: 'POST' });
    }
    const read = await readJson(req);
    if (!read.ok) return rpcError(res, read.status, read.message);
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
        if (req.method !== 'GET' && req.method !== 'HEAD') return rpcError(res, 405, 'Method not allowed');
        return sendJson(res, 200, { status: 'ok' });
      }
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (path !== cfg.path.replace(/\/+$/, '')) return rpcError(res, 404, 'Not found');
      if (!hostAllowed(header(req, 'host'), cfg.host, cfg.allowedHosts)) {
        logger.warn('http request refused: Host not allowed', { host: header(req, 'host') });
        return rpcError(res, 403, 'Forbidden: Host header not allowed');
      }
      if (!originAllowed(header(req, 'origin'), cfg.allowedOrigins)) {
        logger.warn('http request refused: Origin not allowed', { origin: header(req, 'origin') });
        return rpcError(res, 403, 'Forbidden: Origin not allowed');
      }
      if (cfg.authToken && !bearerMatches(header(req, 'authorization'), cfg.authToken)) {
        return rpcError(res, 401, 'Unauthorized: a valid bearer token is required', {
          'www-authenticate': 'Bearer realm="mcp-panther"',
        });
      }
      if (cfg.stateless) await handleStateless(req, res);
      else await handleSession(req, res);
    })().catch((error: unknown) => {
      logger.error('http request failed', { error });
      rpcError(res, 500, 'Internal server error');
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
    async close() {
      for (const { transport, server } of sessions.values()) {
        await transport.close().catch(() => {});
        await server.close().catch(() => {});
      }
      sessions.clear();
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
  });
}
