import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSchema, type OAuthConfig } from '../config/authSchema.js';
import { startIdentityProvider, type TestIdentityProvider } from '../testdata/identityProvider.js';
import { createAccessTokenVerifier } from './accessTokens.js';
import { discoveryUrls } from './discovery.js';

const AUDIENCE = 'https://mcp.example.com/mcp';
let idp: TestIdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider(AUDIENCE);
});
afterAll(async () => {
  await idp?.stop();
});

const oauthConfig = (extra: Record<string, unknown> = {}): OAuthConfig =>
  authSchema.parse({ oauth: { issuer: idp.issuer, audience: AUDIENCE, ...extra } }).oauth!;

describe('access token verifier', () => {
  it('accepts a token of the issuer, for this audience, in date, and gives its claims', async () => {
    const verifier = createAccessTokenVerifier(oauthConfig());
    const checked = await verifier.verify(await idp.token({ sub: 'alice', groups: ['soc-analysts'] }));
    expect(checked).toMatchObject({
      ok: true,
      claims: { sub: 'alice', groups: ['soc-analysts'], iss: idp.issuer },
    });
  });

  it('refuses every bad token as invalid, with a reason that never contains the token', async () => {
    const verifier = createAccessTokenVerifier(oauthConfig());
    const bad = await idp.badTokens(AUDIENCE);
    const reasons: Record<string, string> = {};
    for (const [kind, token] of Object.entries(bad)) {
      const checked = await verifier.verify(token);
      expect(checked.ok, kind).toBe(false);
      if (checked.ok) continue;
      expect(checked.invalid, `${kind}: ${checked.reason}`).toBe(true);
      expect(checked.reason).not.toContain(token);
      reasons[kind] = checked.reason;
    }
    expect(reasons).toMatchObject({
      expired: 'the token has expired',
      'not yet valid': 'the token is not valid yet',
      'wrong issuer': 'the token was issued by another issuer',
      'wrong audience': 'the token is meant for another audience',
      'forged issuer': 'the token signature is not valid',
      tampered: 'the token signature is not valid',
      'alg none': 'the token is signed with an algorithm that is not allowed',
      'algorithm confusion': 'the token is signed with an algorithm that is not allowed',
      'unknown key': 'the token is signed with a key the issuer does not publish',
      malformed: 'the token is malformed',
    });
  });

  it('tolerates the configured clock skew on exp and nbf, and no more', async () => {
    const now = Math.floor(Date.now() / 1000);
    const verifier = createAccessTokenVerifier(oauthConfig({ clockSkewSeconds: 60 }));
    expect((await verifier.verify(await idp.token({ exp: now - 30 }))).ok).toBe(true);
    expect((await verifier.verify(await idp.token({ nbf: now + 30 }))).ok).toBe(true);
    expect((await verifier.verify(await idp.token({ exp: now - 120 }))).ok).toBe(false);
  });

  it('fetches the keys again for an unknown kid (key rotation), at most once per cool-down', async () => {
    const verifier = createAccessTokenVerifier(oauthConfig(), { cooldownMs: 0 });
    expect((await verifier.verify(await idp.token())).ok).toBe(true);
    const rotated = await idp.server.issuer.keys.generate('ES256');
    const token = await idp.server.issuer.buildToken({
      kid: rotated.kid,
      scopesOrTransform: (_h, p) => Object.assign(p, { sub: 'bob', aud: AUDIENCE }),
    });
    expect(await verifier.verify(token)).toMatchObject({ ok: true, claims: { sub: 'bob' } });

    // With the default cool-down, a flood of unknown kids cannot make the server hammer the issuer.
    const cooling = createAccessTokenVerifier(oauthConfig());
    expect((await cooling.verify(await idp.token())).ok).toBe(true);
    const another = await idp.server.issuer.keys.generate('RS256');
    const late = await idp.server.issuer.buildToken({
      kid: another.kid,
      scopesOrTransform: (_h, p) => Object.assign(p, { sub: 'carol', aud: AUDIENCE }),
    });
    expect(await cooling.verify(late)).toMatchObject({ ok: false, invalid: true });
  });

  it('accepts only the listed algorithms', async () => {
    const verifier = createAccessTokenVerifier(oauthConfig({ algorithms: ['ES256'] }));
    expect(await verifier.verify(await idp.token())).toMatchObject({
      ok: false,
      reason: 'the token is signed with an algorithm that is not allowed',
    });
  });

  it('says the keys are unavailable (not that the token is bad) when the issuer cannot be reached', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const verifier = createAccessTokenVerifier(
      oauthConfig({ issuer: `http://127.0.0.1:${port}`, jwksUri: undefined }),
      { retryMs: 0 },
    );
    const checked = await verifier.verify(await idp.token());
    expect(checked).toMatchObject({ ok: false, invalid: false });
  });

  it('refuses a discovery document that names another issuer', async () => {
    const impostor = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer: idp.issuer, jwks_uri: `${idp.issuer}/jwks` }));
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    try {
      const verifier = createAccessTokenVerifier(oauthConfig({ issuer }));
      const checked = await verifier.verify(await idp.token({ iss: issuer }));
      expect(checked.ok).toBe(false);
      expect(checked.ok ? '' : checked.reason).toContain(`names the issuer "${idp.issuer}"`);
    } finally {
      await new Promise<void>((resolve) => impostor.close(() => resolve()));
    }
  });

  it('looks for OpenID Connect discovery first, then RFC 8414 (path after the well-known prefix)', () => {
    expect(discoveryUrls('https://idp.example.com/tenant/a/')).toEqual([
      'https://idp.example.com/tenant/a/.well-known/openid-configuration',
      'https://idp.example.com/.well-known/oauth-authorization-server/tenant/a',
    ]);
  });
});
