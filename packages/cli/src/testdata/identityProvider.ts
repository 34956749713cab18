import { OAuth2Server } from 'oauth2-mock-server';

/** A real OAuth 2 / OpenID Connect provider for the end-to-end tests (discovery, JWKS, RS256), on 127.0.0.1. */
export interface IdentityProvider {
  readonly issuer: string;
  /** An access token for `audience` with these claims over the defaults (`sub`, `aud`, 10 minutes). */
  token(claims?: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

export async function startIdentityProvider(audience: string): Promise<IdentityProvider> {
  const server = new OAuth2Server();
  const key = await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  return {
    issuer: server.issuer.url!,
    token: (claims = {}) =>
      server.issuer.buildToken({
        kid: key.kid,
        expiresIn: 600,
        scopesOrTransform: (_header, payload) =>
          Object.assign(payload, { sub: 'user', aud: audience }, claims),
      }),
    stop: () => server.stop(),
  };
}
