import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../define/types.js';
import { McpHostError } from '../errors.js';
import { refuse } from './refuse.js';
import { bearerMatches, hostAllowed, isLoopbackHost, originAllowed } from './security.js';

/**
 * An operational route served beside MCP (`/metrics`): read-only (GET and HEAD), and behind the same Host and
 * Origin checks as MCP. Who may call it is data: the callers that send `bearerToken`, or, without one, only
 * clients connecting from a loopback address.
 */
export interface HttpRoute {
  /** The path served (`/metrics`). */
  readonly path: string;
  /** The setting that holds the token, named when a request is refused (`telemetry.metrics.authToken`). */
  readonly tokenSetting: string;
  /** The bearer token callers must send; undefined: loopback clients only. */
  readonly bearerToken?: string | undefined;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

/** What a route's listener checks requests against. */
export interface RouteGuard {
  /** The address the listener is bound to. */
  readonly bindHost: string;
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
  readonly logger: Logger;
}

const firstHeader = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const normalPath = (path: string): string => path.replace(/\/+$/, '') || '/';

/** The route serving `pathname`, if any. */
export function findRoute(routes: readonly HttpRoute[], pathname: string): HttpRoute | undefined {
  const path = normalPath(pathname);
  return routes.find((route) => normalPath(route.path) === path);
}

/** Checks the request against the route's rules and serves it, or refuses it with a status that says why. */
export async function serveRoute(
  route: HttpRoute,
  req: IncomingMessage,
  res: ServerResponse,
  guard: RouteGuard,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return refuse(req, res, 405, `Method not allowed: ${route.path} answers GET and HEAD`, {
      allow: 'GET, HEAD',
    });
  }
  if (!hostAllowed(firstHeader(req, 'host'), guard.bindHost, guard.allowedHosts)) {
    guard.logger.warn('http request refused: Host not allowed', {
      host: firstHeader(req, 'host'),
      path: route.path,
    });
    return refuse(req, res, 403, 'Forbidden: Host header not allowed');
  }
  if (!originAllowed(firstHeader(req, 'origin'), guard.allowedOrigins)) {
    return refuse(req, res, 403, 'Forbidden: Origin not allowed');
  }
  if (route.bearerToken !== undefined) {
    if (!bearerMatches(firstHeader(req, 'authorization'), route.bearerToken)) {
      return refuse(
        req,
        res,
        401,
        `Unauthorized: ${route.path} needs the bearer token of ${route.tokenSetting}`,
        {
          'www-authenticate': 'Bearer realm="mcp-panther"',
        },
      );
    }
  } else if (!isLoopbackHost(req.socket.remoteAddress ?? '')) {
    return refuse(
      req,
      res,
      403,
      `Forbidden: ${route.path} is served to loopback clients only; set ${route.tokenSetting} to allow others with a bearer token`,
    );
  }
  await route.handle(req, res);
}

/** Refuses a route that would hide the MCP endpoint or /healthz, or two routes on one path. */
export function assertRoutesFit(routes: readonly HttpRoute[], taken: readonly string[]): void {
  const seen = new Set(taken.map(normalPath));
  for (const route of routes) {
    const path = normalPath(route.path);
    if (seen.has(path)) {
      throw new McpHostError(
        'CONFIG_INVALID',
        `Invalid configuration: ${route.path} is already served on this listener (MCP, /healthz or another route); choose another path`,
      );
    }
    seen.add(path);
  }
}

export interface RunningRouteServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A listener of its own for operational routes (`/metrics` on another port than MCP). Beyond loopback it needs
 * every route to have a bearer token: otherwise it would be listening for callers it refuses anyway.
 */
export async function startRouteServer(options: {
  readonly host: string;
  readonly port: number;
  readonly routes: readonly HttpRoute[];
  readonly allowedHosts: readonly string[];
  readonly logger: Logger;
}): Promise<RunningRouteServer> {
  const open = options.routes.find((route) => route.bearerToken === undefined);
  if (!isLoopbackHost(options.host) && open !== undefined) {
    throw new McpHostError(
      'UNSAFE_CONFIG',
      `Refusing to serve ${open.path} on ${options.host} without a token: set ${open.tokenSetting}, or bind to 127.0.0.1`,
    );
  }
  assertRoutesFit(options.routes, []);
  const guard: RouteGuard = {
    bindHost: options.host,
    allowedHosts: options.allowedHosts,
    allowedOrigins: [],
    logger: options.logger,
  };
  const server = createServer((req, res) => {
    const route = findRoute(options.routes, new URL(req.url ?? '/', 'http://localhost').pathname);
    const served = route ? serveRoute(route, req, res, guard) : refuse(req, res, 404, 'Not found');
    Promise.resolve(served).catch((error: unknown) => {
      options.logger.error('http request failed', { error, path: route?.path });
      refuse(req, res, 500, 'Internal server error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shown}:${port}`;
  options.logger.info('serving operational routes', { url, routes: options.routes.map((r) => r.path) });
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
