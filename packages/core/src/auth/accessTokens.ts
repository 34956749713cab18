import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { isSecureUrl, type OAuthConfig } from '../config/authSchema.js';
import { discoverJwksUri, type Fetch } from './discovery.js';

/**
 * Checks JWT access tokens from the organisation's identity provider with `jose`: signature by a key from the
 * issuer's JWKS (found through its discovery document, cached, fetched again when a token names an unknown
 * `kid`), only the allowed algorithms (never `none`), the issuer, the audience, `exp` and `nbf` within the clock
 * skew, and a subject.
 */

/** What a verified token says of its holder: its claims, with a subject. */
export type TokenClaims = JWTPayload & { readonly sub: string };

export type TokenCheck =
  | { readonly ok: true; readonly claims: TokenClaims }
  /** The token is not acceptable: 401. `reason` is safe to show (it never contains the token). */
  | { readonly ok: false; readonly invalid: true; readonly reason: string }
  /** The issuer's keys cannot be had right now: 503, the token may be fine. */
  | { readonly ok: false; readonly invalid: false; readonly reason: string };

/**
 * Decides whether an OAuth access token is acceptable and what it says (the `accessTokenVerifier` part): JWTs
 * checked with the issuer's keys, opaque tokens by introspection, or anything a part brings (mTLS identities…).
 */
export interface AccessTokenVerifier {
  verify(token: string): Promise<TokenCheck>;
  /** Gets ready ahead of the first request (the issuer's keys, its endpoints); never throws. */
  warm(): Promise<void>;
}

export interface VerifierOptions {
  /** How long after a fetch of the keys an unknown `kid` does not fetch them again (default 30 s). */
  readonly cooldownMs?: number | undefined;
  /** Keys older than this are fetched again (default 10 min). */
  readonly cacheMaxAgeMs?: number | undefined;
  /** How long a failed discovery is remembered before it is tried again (default 5 s). */
  readonly retryMs?: number | undefined;
  readonly fetch?: Fetch | undefined;
}

/** jose's error codes for a token that is simply not acceptable, with the reason in words. */
function invalidReason(error: { code?: unknown; claim?: unknown }): string | undefined {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (error.claim === 'nbf') return 'the token is not valid yet';
      if (error.claim === 'iss') return 'the token was issued by another issuer';
      if (error.claim === 'aud') return 'the token is meant for another audience';
      return `the token's "${String(error.claim)}" claim is missing or invalid`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is not valid';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'the token is signed with a key the issuer does not publish';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token is signed with an algorithm that is not allowed';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'the token is malformed';
    default:
      return undefined;
  }
}

/** A JWT is three base64url parts; anything else is refused before any key is looked up. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Whether a token has the shape of a JWT (an opaque token does not). */
export const isJwtShaped = (token: string): boolean => JWT_SHAPE.test(token);

export function createAccessTokenVerifier(
  oauth: OAuthConfig,
  options: VerifierOptions = {},
): AccessTokenVerifier {
  const fetchImpl = options.fetch ?? fetch;
  const retryMs = options.retryMs ?? 5_000;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  let failure: { at: number; message: string } | undefined;

  const keySet = (): Promise<JWTVerifyGetKey> => {
    if (failure && Date.now() - failure.at < retryMs) return Promise.reject(new Error(failure.message));
    keys ??= (async () => {
      const jwksUri = oauth.jwksUri ?? (await discoverJwksUri(oauth.issuer, isSecureUrl, fetchImpl));
      const set = createRemoteJWKSet(new URL(jwksUri), {
        cooldownDuration: options.cooldownMs ?? 30_000,
        cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
        timeoutDuration: 5_000,
      });
      await set.reload();
      return set;
    })().catch((error: unknown) => {
      keys = undefined;
      failure = { at: Date.now(), message: (error as Error).message };
      throw error;
    });
    return keys;
  };

  return {
    async verify(token) {
      if (!JWT_SHAPE.test(token)) return { ok: false, invalid: true, reason: 'the token is malformed' };
      let getKey: JWTVerifyGetKey;
      try {
        getKey = await keySet();
      } catch (error) {
        return {
          ok: false,
          invalid: false,
          reason: `the issuer's keys are unavailable: ${(error as Error).message}`,
        };
      }
      try {
        const { payload } = await jwtVerify(token, getKey, {
          issuer: oauth.issuer,
          audience: oauth.audience,
          algorithms: [...oauth.algorithms],
          clockTolerance: oauth.clockSkewSeconds,
          requiredClaims: ['exp', 'sub'],
        });
        if (typeof payload.sub !== 'string' || payload.sub === '') {
          return { ok: false, invalid: true, reason: 'the token has no subject' };
        }
        return { ok: true, claims: payload as TokenClaims };
      } catch (error) {
        const reason = invalidReason(error as { code?: unknown; claim?: unknown });
        if (reason !== undefined) return { ok: false, invalid: true, reason };
        return {
          ok: false,
          invalid: false,
          reason: `the issuer's keys are unavailable: ${(error as Error).message}`,
        };
      }
    },
    async warm() {
      await keySet().catch(() => {});
    },
  };
}
