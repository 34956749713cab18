import { createHash } from 'node:crypto';
import { isSecureUrl, type OAuthConfig } from '../config/authSchema.js';
import type { AccessTokenVerifier, TokenCheck, TokenClaims } from './accessTokens.js';
import { discoverIssuerUrl, type Fetch } from './discovery.js';

/**
 * Checks opaque access tokens by asking the issuer (OAuth 2.0 token introspection, RFC 7662): a POST of the token
 * to the introspection endpoint, authenticated with this server's client id and secret (HTTP Basic). The answer
 * must say `active`, name a subject, and agree with the configured issuer, audience and time (`exp`, `nbf`, with
 * the clock skew). Answers are kept for `cacheSeconds` at most and never past the token's `exp`, keyed by a digest
 * of the token (never the token); identical checks in flight share one request.
 */

const MAX_ANSWER_BYTES = 64 * 1024;
const TIMEOUT_MS = 5_000;
/** Tokens kept in the cache at most (the oldest go first). */
const MAX_ENTRIES = 10_000;

export interface IntrospectionOptions {
  readonly clientSecret: string;
  readonly fetch?: Fetch | undefined;
  /** The clock, in milliseconds (tests). */
  readonly now?: (() => number) | undefined;
}

type Answer = Record<string, unknown>;

const invalid = (reason: string): TokenCheck => ({ ok: false, invalid: true, reason });
const unavailable = (reason: string): TokenCheck => ({ ok: false, invalid: false, reason });

function basicAuth(clientId: string, secret: string): string {
  // RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined.
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

async function readAnswer(response: Response): Promise<Answer> {
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_ANSWER_BYTES)
    throw new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`);
  const answer: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw new Error('the answer is not a JSON object');
  }
  return answer as Answer;
}

/** What an active answer says of the token, checked against the config: the claims, or why they do not do. */
function checkAnswer(answer: Answer, oauth: OAuthConfig, now: number): TokenCheck {
  if (answer['active'] !== true) return invalid('the token is not active');
  const skewMs = oauth.clockSkewSeconds * 1000;
  const exp = answer['exp'];
  if (typeof exp === 'number' && exp * 1000 + skewMs <= now) return invalid('the token has expired');
  const nbf = answer['nbf'];
  if (typeof nbf === 'number' && nbf * 1000 - skewMs > now) return invalid('the token is not valid yet');
  if (answer['iss'] !== undefined && answer['iss'] !== oauth.issuer) {
    return invalid('the token was issued by another issuer');
  }
  const aud = answer['aud'];
  if (aud !== undefined && !(Array.isArray(aud) ? aud.includes(oauth.audience) : aud === oauth.audience)) {
    return invalid('the token is meant for another audience');
  }
  const sub = answer['sub'];
  if (typeof sub !== 'string' || sub === '') return invalid('the token has no subject');
  return { ok: true, claims: { ...answer, sub } as TokenClaims };
}

export function createIntrospectionVerifier(
  oauth: OAuthConfig,
  options: IntrospectionOptions,
): AccessTokenVerifier {
  const settings = oauth.introspection;
  if (settings === undefined) throw new Error('createIntrospectionVerifier: oauth.introspection is not set');
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const authorization = basicAuth(settings.clientId, options.clientSecret);
  const cache = new Map<string, { readonly check: TokenCheck; readonly until: number }>();
  const inFlight = new Map<string, Promise<TokenCheck>>();
  let endpoint: Promise<string> | undefined;

  const endpointUrl = (): Promise<string> => {
    endpoint ??= (
      settings.endpoint !== undefined
        ? Promise.resolve(settings.endpoint)
        : discoverIssuerUrl(oauth.issuer, 'introspection_endpoint', isSecureUrl, fetchImpl)
    ).catch((error: unknown) => {
      endpoint = undefined;
      throw error;
    });
    return endpoint;
  };

  const remember = (key: string, check: TokenCheck, exp: unknown) => {
    // An unavailable endpoint is asked again next time; an answer is kept for cacheSeconds, never past exp.
    if (!check.ok && !check.invalid) return;
    let until = now() + settings.cacheSeconds * 1000;
    if (typeof exp === 'number') until = Math.min(until, exp * 1000);
    if (until <= now()) return;
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { check, until });
  };

  const introspect = async (token: string, key: string): Promise<TokenCheck> => {
    let url: string;
    try {
      url = await endpointUrl();
    } catch (error) {
      return unavailable(`the introspection endpoint is unknown: ${(error as Error).message}`);
    }
    let answer: Answer;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: {
          authorization,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        return unavailable(
          `the introspection endpoint refused this server's client credentials (HTTP ${response.status}): check server.auth.oauth.introspection`,
        );
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        return unavailable(`the introspection endpoint answered HTTP ${response.status}`);
      }
      answer = await readAnswer(response);
    } catch (error) {
      return unavailable(`the introspection endpoint cannot be reached: ${(error as Error).message}`);
    }
    const check = checkAnswer(answer, oauth, now());
    remember(key, check, answer['exp']);
    return check;
  };

  return {
    async verify(token) {
      const key = createHash('sha256').update(token).digest('hex');
      const cached = cache.get(key);
      if (cached !== undefined) {
        if (cached.until > now()) return cached.check;
        cache.delete(key);
      }
      let pending = inFlight.get(key);
      if (pending === undefined) {
        pending = introspect(token, key).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    async warm() {
      await endpointUrl().catch(() => {});
    },
  };
}
