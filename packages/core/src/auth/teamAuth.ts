import type { AuthConfig, ProfileConfig } from '../config/authSchema.js';
import type { StaticToken } from '../config/secrets.js';
import type { Caller } from '../types.js';
import type { AccessTokenVerifier } from './accessTokens.js';
import { bearerChallenge, readBearer } from './bearer.js';
import { claimAt, claimList } from './claims.js';
import { matchProfile } from './matchProfile.js';
import { protectedResource } from './protectedResource.js';
import { type StaticTokenEntry, staticTokenTable } from './staticTokens.js';
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
 * profile). The caller's name, profile and limits come back with the admission; tokens never do. The admission's
 * grant says what the caller holds, so that a session serves only the grant it was opened with; `reconfigure`
 * applies a reload's tokens and profiles.
 */
export function createTeamAuth(options: TeamAuthOptions): HttpAuth {
  const { auth } = options;
  // What a reload may change: the profiles and the static tokens (read at every request, swapped whole).
  let profiles = options.profiles;
  let lookup = staticTokenTable(options.tokens);
  let maxSessionsPerCaller = options.maxSessionsPerCaller;
  const listeners = new Set<() => void>();
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
      maxSessions: p?.maxSessionsPerCaller ?? maxSessionsPerCaller,
      requestsPerMinute: p?.requestsPerMinute,
      burst: p?.burst,
    };
  };
  const admitted = (
    caller: Caller & { readonly profile: string },
    key: string,
    grant: string,
    regrant: () => string | undefined,
  ): Admitted => ({ ok: true, caller, key, grant, regrant, limits: limitsOf(caller.profile) });

  // A static token's grant names its value's digest too: a rotated token is another grant.
  const tokenGrant = (t: StaticTokenEntry): string => `token:${t.name}\n${t.profile}\n${t.fingerprint}`;
  const oauthGrant = (subject: string, profile: string): string => `oauth:${subject}\n${profile}`;

  const kinds = [oauth ? 'oauth' : undefined, options.tokens.length > 0 ? 'tokens' : undefined];
  return {
    kind: kinds.filter(Boolean).join('+'),
    required: true,
    documents: new Map(metadata ? metadata.paths.map((path) => [path, metadata.document]) : []),
    ...(verifier ? { warm: () => verifier.warm() } : {}),
    reconfigure(config, tokens) {
      profiles = config.profiles;
      lookup = staticTokenTable(tokens);
      maxSessionsPerCaller = config.server.maxSessionsPerCaller;
      for (const listener of listeners) listener();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
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
      const named = lookup.find(token);
      if (named) {
        const id = `token:${named.name}`;
        const regrant = () => {
          const now = lookup.named(named.name);
          return now === undefined ? undefined : tokenGrant(now);
        };
        const caller = { name: named.name, id, credential: 'token' as const, profile: named.profile };
        return admitted(caller, id, tokenGrant(named), regrant);
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
      const identity = { subject: claims.sub, groups: claimList(claims, oauth.groupsClaim), scopes };
      const profile = matchProfile(profiles, identity);
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
      const regrant = () => {
        const now = matchProfile(profiles, identity);
        return now === undefined ? undefined : oauthGrant(claims.sub, now);
      };
      return admitted(
        { name, id: claims.sub, credential: 'oauth', profile },
        `oauth:${claims.sub}`,
        oauthGrant(claims.sub, profile),
        regrant,
      );
    },
  };
}
