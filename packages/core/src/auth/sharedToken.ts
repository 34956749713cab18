import { bearerMatches } from '../transport/security.js';
import { bearerChallenge } from './bearer.js';
import type { HttpAuth } from './types.js';

/**
 * The single-user HTTP modes: no authentication (loopback only), or one shared bearer token (`server.authToken`).
 * Neither says who is calling, so sessions are keyed by the client's address and no per-caller limit applies.
 */
export function sharedTokenAuth(token: string | undefined): HttpAuth {
  const challenge = { 'www-authenticate': bearerChallenge({ realm: 'mcp-panther' }) };
  return {
    kind: token ? 'bearer' : 'none',
    required: token !== undefined,
    documents: new Map(),
    async authenticate(request) {
      if (token !== undefined && !bearerMatches(request.authorization, token)) {
        return {
          ok: false,
          status: 401,
          message: 'Unauthorized: a valid bearer token is required',
          headers: challenge,
          reason: request.authorization ? 'wrong bearer token' : 'no bearer token',
        };
      }
      const key = `address:${request.remoteAddress}`;
      return { ok: true, caller: undefined, key, grant: key, limits: {} };
    },
  };
}
