import type { AuthConfig, ProfileConfig } from '../config/authSchema.js';
import type { StaticToken } from '../config/secrets.js';
import type { Caller } from '../types.js';
import type { AccessTokenVerifier } from './accessTokens.js';
import { bearerChallenge, readBearer } from './bearer.js';
import { claimAt, claimList } from './claims.js';
import { matchProfile } from './matchProfile.js';
import { protectedResource } from './protectedResource.js';
import { staticTokenTable } from './staticTokens.js';
import type { Admitted, CallerLimits, HttpAuth, Refused } from './types.js';

export interface TeamAuthOptions {
  readonly auth: AuthConfig;
  readonly profiles: Readonly<Record<string, ProfileConfig>>;
  /** The static tokens with their values (read from the environment or files). */
  readonly tokens: readonly StaticToken[];
  /** Checks OAuth access tokens; required when `auth.oauth` is set. */
  readonly verifier?: AccessTokenVerifier | undefined;
  /** `server.maxSessionsPerCaller`: the per-caller session cap of profiles that set none. */
  readonly maxSessionsPerCaller: number;
  /** `server.path`, where the metadata document is also served. */
  readonly serverPath: string;
}

/** Seconds a client is asked to wait when the identity provider's keys cannot be fetched. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * Team authentication on HTTP: every request carries a bearer token that is either one of the named static
 * tokens (each bound to a profile) or an OAuth access token from the configured issuer (its claims pick the
 * profile). The caller's name, profile and limits come back with the admission; tokens never do.
 */
export function createTeamAuth(options: TeamAuthOptions): HttpAuth {
  const { auth, profiles } = options;
  const lookup = staticTokenTable(options.tokens);
  const oauth = auth.oauth;
  const verifier = options.verifier;
  if (oauth && !verifier) throw new Error('createTeamAuth: server.auth.oauth needs a verifier');
  const metadata = oauth ? protectedResource(oauth, options.serverPath) : undefined;

  const challenge = (params: Record<string, string | undefined> = {}): Record<string, string> => ({
    'www-authenticate': bearerChallenge({
      realm: 'mcp-panther',
      ...(metadata ? { resource_metadata: metadata.metadataUrl } : {}),
      ...params,
    }),
  });
  const unauthorized = (message: string, reason: string, error?: string): Refused => ({
    ok: false,
    status: 401,
    message: `Unauthorized: ${message}`,
    headers: challenge(error ? { error: 'invalid_token', error_description: error } : {}),
    reason,
  });
  const limitsOf = (profile: string): CallerLimits => {
    const p = profiles[profile];
    return {
      maxSessions: p?.maxSessionsPerCaller ?? options.maxSessionsPerCaller,
      requestsPerMinute: p?.requestsPerMinute,
      burst: p?.burst,
    };
  };
  const admitted = (caller: Caller & { readonly profile: string }, key: string): Admitted => ({
    ok: true,
    caller,
    key,
    limits: limitsOf(caller.profile),
  });

  const kinds = [oauth ? 'oauth' : undefined, options.tokens.length > 0 ? 'tokens' : undefined];
  return {
    kind: kinds.filter(Boolean).join('+'),
    required: true,
    documents: new Map(metadata ? metadata.paths.map((path) => [path, metadata.document]) : []),
    ...(verifier ? { warm: () => verifier.warm() } : {}),
    async authenticate(request) {
      const token = readBearer(request.authorization);
      if (token === undefined) {
        return request.authorization
          ? unauthorized(
              'the Authorization header must be "Bearer <token>"',
              'not a bearer token',
              'not a bearer token',
            )
          : unauthorized('send an access token as "Authorization: Bearer <token>"', 'no token');
      }
      const named = lookup(token);
      if (named) {
        const id = `token:${named.name}`;
        return admitted({ name: named.name, id, credential: 'token', profile: named.profile }, id);
      }
      if (!oauth || !verifier)
        return unauthorized('the token is not valid', 'unknown static token', 'unknown token');

      const checked = await verifier.verify(token);
      if (!checked.ok) {
        if (checked.invalid) return unauthorized(checked.reason, checked.reason, checked.reason);
        return {
          ok: false,
          status: 503,
          message:
            'Service unavailable: the identity provider cannot be reached to check the token; retry later',
          headers: { 'retry-after': String(UNAVAILABLE_RETRY_SECONDS) },
          reason: checked.reason,
        };
      }
      const { claims } = checked;
      const scopes = claimList(claims, oauth.scopesClaim, { spaceSeparated: true });
      const missing = oauth.requiredScopes.filter((scope) => !scopes.includes(scope));
      if (missing.length > 0) {
        return {
          ok: false,
          status: 403,
          message: `Forbidden: the token lacks the scope ${missing.join(' ')}`,
          headers: challenge({
            error: 'insufficient_scope',
            scope: oauth.requiredScopes.join(' '),
            error_description: `the token lacks the scope ${missing.join(' ')}`,
          }),
          reason: `missing scopes ${missing.join(' ')}`,
        };
      }
      const profile = matchProfile(profiles, {
        subject: claims.sub,
        groups: claimList(claims, oauth.groupsClaim),
        scopes,
      });
      if (profile === undefined) {
        return {
          ok: false,
          status: 403,
          message: 'Forbidden: no profile of this server matches your groups, scopes or subject',
          headers: {},
          reason: 'no profile matches',
        };
      }
      const shown = claimAt(claims, oauth.nameClaim);
      const name = typeof shown === 'string' && shown !== '' ? shown : claims.sub;
      return admitted({ name, id: claims.sub, credential: 'oauth', profile }, `oauth:${claims.sub}`);
    },
  };
}
