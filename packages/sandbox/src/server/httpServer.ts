import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { TokenIdentity, TokenRegistry } from '../auth/tokens.js';
import type { SandboxLogger, SandboxStats } from '../types.js';
import { readJsonBody } from './readBody.js';
import { HttpError, sendHtml, sendJson } from './respond.js';
import type { Router } from './router.js';

export type GraphQLHttpHandler = (
  body: unknown,
  identity: TokenIdentity,
  countRoute: (key: string) => void,
) => Promise<unknown>;

export interface HttpServerDeps {
  router: Router;
  tokens: TokenRegistry;
  graphql: GraphQLHttpHandler;
  stats: SandboxStats;
  logger: SandboxLogger;
}

interface HandlerDeps extends HttpServerDeps {
  baseUrl: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(deps: HttpServerDeps, port: number): Promise<RunningServer> {
  const handlerDeps: HandlerDeps = { ...deps, baseUrl: '' };
  const server = createServer((req, res) => {
    handle(handlerDeps, req, res).catch((error: unknown) => {
      deps.logger.error('sandbox request failed', { error: String(error) });
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal sandbox error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('sandbox server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  handlerDeps.baseUrl = url;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function count(stats: SandboxStats, key: string): void {
  stats.requestsByRoute[key] = (stats.requestsByRoute[key] ?? 0) + 1;
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { stats } = deps;
  stats.requests++;
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  // The API Gateway form puts everything under /v1 (see panther-api.md §1.1); both forms are served.
  let pathname = url.pathname.replace(/\/+$/, '') || '/';
  if (pathname === '/v1' || pathname.startsWith('/v1/')) pathname = pathname.slice(3) || '/';
  deps.logger.debug('sandbox request', { method, path: pathname });

  if (pathname === '/' && method === 'GET') {
    count(stats, 'GET /');
    sendHtml(res, discoveryPage(deps.baseUrl));
    return;
  }

  const identity = deps.tokens.lookup(headerValue(req, 'x-api-key'));

  if (pathname === '/public/graphql') {
    count(stats, `${method} /public/graphql`);
    if (method !== 'POST') return sendJson(res, 405, { message: 'GraphQL is served over POST' });
    if (identity === undefined) {
      const message = 'Unauthorized: missing or unknown X-API-Key';
      return sendJson(res, 401, { message, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const errors = [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }];
      return sendJson(res, error.status, { message: error.message, errors });
    }
    sendJson(res, 200, await deps.graphql(body, identity, (key) => count(stats, key)));
    return;
  }

  try {
    const match = deps.router.match(method, pathname);
    if (match === undefined) return sendJson(res, 404, { message: `No route for ${method} ${pathname}` });
    if (identity === undefined)
      return sendJson(res, 401, { message: 'Unauthorized: missing or unknown X-API-Key' });
    if (match === 'method')
      return sendJson(res, 405, { message: `Method ${method} is not allowed on ${pathname}` });
    const { route, params } = match;
    count(stats, `${route.method} ${route.path}`);
    if (route.anyOf.length > 0 && !route.anyOf.some((p) => identity.permissions.has(p))) {
      return sendJson(res, 403, {
        message: `Forbidden: this API token lacks the permission ${route.anyOf.join(' or ')}`,
      });
    }
    const body = method === 'GET' || method === 'DELETE' ? undefined : await readJsonBody(req);
    const result = await route.handler({ params, query: url.searchParams, body, identity });
    sendJson(res, result.status, result.body);
  } catch (error) {
    if (error instanceof HttpError)
      return sendJson(res, error.status, { message: error.message, ...error.extra });
    throw error;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** URL discovery (panther-api.md §1.2) reads `__PANTHER_CONFIG__` from the console page; point it at ourselves. */
function discoveryPage(base: string): string {
  const config = JSON.stringify({
    rest: base,
    WEB_APPLICATION_GRAPHQL_API_ENDPOINT: `${base}/internal/graphql`,
    sandbox: true,
  }).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><title>Panther sandbox</title><script id="__PANTHER_CONFIG__" type="application/json">${config}</script></head><body><p>Local Panther-compatible sandbox. REST at /, GraphQL at /public/graphql.</p></body></html>`;
}
