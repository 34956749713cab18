import type { HostConfig } from '../config/schema.js';
import type { StaticToken } from '../config/secrets.js';
import type { AccessTokenVerifier } from './accessTokens.js';
import { sharedTokenAuth } from './sharedToken.js';
import { createTeamAuth } from './teamAuth.js';
import type { HttpAuth } from './types.js';

/**
 * The HTTP authentication the config describes: `server.auth` (OAuth access tokens, checked by the
 * `accessTokenVerifier` part, and named static tokens, each caller with a profile), else the single shared
 * `server.authToken`, else none (loopback only). Imported only when HTTP is served.
 */
export function createHttpAuth(
  config: HostConfig,
  tokens: readonly StaticToken[],
  verifier: AccessTokenVerifier | undefined,
): HttpAuth {
  const { auth } = config.server;
  if (!auth) return sharedTokenAuth(config.server.authToken);
  return createTeamAuth({
    auth,
    profiles: config.profiles,
    tokens,
    verifier,
    maxSessionsPerCaller: config.server.maxSessionsPerCaller,
    serverPath: config.server.path,
  });
}
