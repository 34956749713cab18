import { exportSPKI, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import { OAuth2Server } from 'oauth2-mock-server';

/**
 * A real OAuth 2 / OpenID Connect identity provider for tests (oauth2-mock-server on 127.0.0.1: discovery
 * document, JWKS, token endpoint, RS256 keys), and the bad tokens an attacker or a broken client would send.
 */
export interface TestIdentityProvider {
  readonly issuer: string;
  readonly server: OAuth2Server;
  /** A token signed by the provider's key, for `audience`, with these claims (they override the defaults). */
  token(claims?: Record<string, unknown>, options?: { expiresIn?: number }): Promise<string>;
  /** Every kind of token that must be refused with 401, by name. */
  badTokens(audience: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startIdentityProvider(audience: string): Promise<TestIdentityProvider> {
  const server = new OAuth2Server();
  const key = await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const issuer = server.issuer.url!;
  const now = () => Math.floor(Date.now() / 1000);

  const token: TestIdentityProvider['token'] = (claims = {}, options = {}) =>
    server.issuer.buildToken({
      kid: key.kid,
      expiresIn: options.expiresIn ?? 600,
      scopesOrTransform: (_header, payload) => {
        Object.assign(payload, { sub: 'user-1', aud: audience }, claims);
        for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      },
    });

  /** Signed by a key the provider never published, under a kid of the caller's choice. */
  const signElsewhere = async (kid: string, claims: JWTPayload): Promise<string> => {
    const other = await generateKeyPair('RS256');
    return new SignJWT({ sub: 'intruder', aud: audience, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(other.privateKey);
  };

  return {
    issuer,
    server,
    token,
    async badTokens(aud) {
      const good = await token({ groups: ['soc-responders'] });
      const [header, payload, signature] = good.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JWTPayload;
      // The provider's public key used as an HMAC secret: the classic algorithm-confusion forgery.
      const { kty, n, e } = server.issuer.keys.get(key.kid) as { kty: string; n: string; e: string };
      const publicPem = await exportSPKI(
        (await importJWK({ kty, n, e }, 'RS256', { extractable: true })) as Parameters<typeof exportSPKI>[0],
      );
      const confused = await new SignJWT({ sub: 'intruder', aud })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .setIssuer(issuer)
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(publicPem));
      return {
        expired: await token({ exp: now() - 3600, iat: now() - 7200, nbf: now() - 7200 }),
        'not yet valid': await token({ nbf: now() + 3600 }),
        'wrong issuer': await token({ iss: 'https://idp.invalid' }),
        'wrong audience': await token({ aud: 'https://other.example.com/mcp' }),
        'forged issuer': await signElsewhere(key.kid, {}),
        tampered: `${header}.${b64({ ...claims, groups: ['soc-admins'], sub: 'someone-else' })}.${signature}`,
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
        'algorithm confusion': confused,
        'unknown key': await signElsewhere('kid-nobody-published', {}),
        'no subject': await token({ sub: undefined }),
        malformed: 'not-a-jwt',
        'malformed parts': `${header}.%%%.${signature}`,
        garbage: `${b64({ alg: 'RS256' })}.bm90IGpzb24.${signature}`,
      };
    },
    stop: () => server.stop(),
  };
}
