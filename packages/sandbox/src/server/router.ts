import type { Permission } from '../auth/permissions.js';
import type { TokenIdentity } from '../auth/tokens.js';
import { badRequest } from './respond.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RestRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  identity: TokenIdentity;
}

export interface RestResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: Method;
  /** e.g. `/alerts/{id}/events`; also the key of `stats.requestsByRoute`. */
  path: string;
  /** The caller needs at least one of these; an empty list means any valid token. */
  anyOf: readonly Permission[];
  handler(request: RestRequest): Promise<RestResult>;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Matches paths segment by segment; `{name}` captures one decoded segment. */
export class Router {
  private readonly routes: Route[] = [];

  add(...routes: Route[]): void {
    this.routes.push(...routes);
  }

  /**
   * `undefined` when no path matches; `'method'` when the path exists for another method. A `{name}` segment
   * that is not valid percent-encoded UTF-8 (`%ED%A0%80`, a lone surrogate) is a 400 naming the parameter.
   */
  match(method: string, pathname: string): RouteMatch | 'method' | undefined {
    const segments = pathname.split('/').filter((s) => s !== '');
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchPath(route.path, segments);
      if (params === undefined) continue;
      if (route.method === method) return { route, params };
      pathMatched = true;
    }
    return pathMatched ? 'method' : undefined;
  }
}

function matchPath(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = template.split('/').filter((s) => s !== '');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith('{') && part.endsWith('}')) {
      const name = part.slice(1, -1);
      try {
        params[name] = decodeURIComponent(segment);
      } catch {
        throw badRequest(`The path parameter ${name} is not valid percent-encoded UTF-8`);
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
