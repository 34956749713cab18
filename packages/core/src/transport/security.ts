import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { McpHostError } from '../errors.js';

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  if (LOOPBACK_NAMES.has(h) || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  const bare = h.replace(/^\[|\]$/g, '');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** HTTP beyond loopback without authentication would hand Panther to anyone who can reach the port. */
export function assertSafeBinding(host: string, authenticated: boolean): void {
  if (!isLoopbackHost(host) && !authenticated) {
    throw new McpHostError(
      'UNSAFE_CONFIG',
      `Refusing to serve HTTP on ${host} without authentication: set server.auth or server.authToken (or MCP_HTTP_AUTH_TOKEN), or bind to 127.0.0.1`,
    );
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares the `Authorization: Bearer …` header with the token in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  const given = match?.[1]?.trim() ?? '';
  const ok = timingSafeEqual(digest(given), digest(token));
  return ok && given.length > 0;
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

/** A request without Origin (not a browser) passes; a browser origin must be loopback or listed. */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*')) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return true;
  const normalized = normalizeOrigin(origin);
  return allowed.some((a) => normalizeOrigin(a) === normalized);
}

/**
 * Host header check against DNS rebinding: loopback names always pass; otherwise the header must be one of
 * `allowed` (with or without port) or the address the server is bound to. When bound to a wildcard address with
 * no list, any host passes (the bearer token is then the protection).
 */
export function hostAllowed(
  hostHeader: string | undefined,
  bindHost: string,
  allowed: readonly string[],
): boolean {
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return false;
  }
  if (isLoopbackHost(hostname)) return true;
  const header = hostHeader.toLowerCase();
  const name = hostname.toLowerCase();
  if (allowed.some((a) => a.toLowerCase() === header || a.toLowerCase() === name)) return true;
  if (!isWildcardHost(bindHost) && name === bindHost.toLowerCase().replace(/^\[|\]$/g, '')) return true;
  return isWildcardHost(bindHost) && allowed.length === 0;
}
