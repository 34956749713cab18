import type { OAuthConfig } from '../config/authSchema.js';
import { type AccessTokenVerifier, createAccessTokenVerifier, isJwtShaped } from './accessTokens.js';
import { createIntrospectionVerifier } from './introspection.js';

/**
 * The default `accessTokenVerifier` part: JWTs checked with the issuer's keys; with `oauth.introspection`, opaque
 * tokens (or every token, `tokens: 'all'`) checked by introspection instead.
 */
export function createDefaultVerifier(
  oauth: OAuthConfig,
  secrets: { readonly introspectionSecret?: string | undefined },
): AccessTokenVerifier {
  const jwt = createAccessTokenVerifier(oauth);
  const settings = oauth.introspection;
  if (settings === undefined) return jwt;
  if (secrets.introspectionSecret === undefined) {
    throw new Error('server.auth.oauth.introspection needs its client secret');
  }
  const introspection = createIntrospectionVerifier(oauth, { clientSecret: secrets.introspectionSecret });
  if (settings.tokens === 'all') return introspection;
  return {
    verify: (token) => (isJwtShaped(token) ? jwt : introspection).verify(token),
    async warm() {
      await Promise.all([jwt.warm(), introspection.warm()]);
    },
  };
}
