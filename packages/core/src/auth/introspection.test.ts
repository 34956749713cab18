import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authSchema, type OAuthConfig } from '../config/authSchema.js';
import { parseConfig } from '../config/loadConfig.js';
import { createHost, type Host } from '../host/createHost.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { startIdentityProvider, type TestIdentityProvider } from '../testdata/identityProvider.js';
import { type IntrospectionEndpoint, startIntrospectionEndpoint } from '../testdata/introspectionEndpoint.js';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import { INITIALIZE, postMcp } from '../testdata/rawMcp.js';
import type { AccessTokenVerifier } from './accessTokens.js';
import { createDefaultVerifier } from './defaultVerifier.js';
import { createIntrospectionVerifier } from './introspection.js';

const AUDIENCE = 'https://mcp.example.com/mcp';
const CLIENT = { id: 'mcp-panther', secret: 'introspection-secret-under-test' };
let idp: TestIdentityProvider;
let endpoint: IntrospectionEndpoint;

beforeAll(async () => {
  idp = await startIdentityProvider(AUDIENCE);
});
afterAll(async () => {
  await idp?.stop();
});
afterEach(async () => {
  await endpoint?.close();
});

const oauthConfig = (introspection: Record<string, unknown> = {}): OAuthConfig =>
  authSchema.parse({
    oauth: {
      issuer: idp.issuer,
      audience: AUDIENCE,
      introspection: {
        endpoint: endpoint.url,
        clientId: CLIENT.id,
        clientSecretEnv: 'INTROSPECTION_SECRET',
        ...introspection,
      },
    },
  }).oauth!;

/** A verifier on a clock the test moves (in ms). */
function verifierAt(clock: { ms: number }, introspection: Record<string, unknown> = {}): AccessTokenVerifier {
  return createIntrospectionVerifier(oauthConfig(introspection), {
    clientSecret: CLIENT.secret,
    now: () => clock.ms,
  });
}

const active = (claims: Record<string, unknown> = {}) => ({
  active: true,
  sub: 'alice',
  iss: idp.issuer,
  aud: AUDIENCE,
  scope: 'mcp:read mcp:write',
  groups: ['soc-analysts'],
  ...claims,
});

describe('token introspection (RFC 7662)', () => {
  it('accepts an active token with its claims, asking with the client credentials and the token type hint', async () => {
    endpoint = await startIntrospectionEndpoint(CLIENT);
    const clock = { ms: Date.now() };
    endpoint.tokens.set('opaque-alice', active({ exp: Math.floor(clock.ms / 1000) + 600 }));
    const checked = await verifierAt(clock).verify('opaque-alice');
    expect(checked).toMatchObject({ ok: true, claims: { sub: 'alice', groups: ['soc-analysts'] } });
    expect(endpoint.requests).toEqual([{ token: 'opaque-alice', hint: 'access_token' }]);
  });

  it("reuses an answer for cacheSeconds at most and never past the token's exp", async () => {
    endpoint = await startIntrospectionEndpoint(CLIENT);
    const clock = { ms: 1_800_000_000_000 };
    const start = clock.ms / 1000;
    endpoint.tokens.set('short-lived', active({ exp: start + 20 }));
    endpoint.tokens.set('long-lived', active({ exp: start + 3_600 }));
    const verifier = verifierAt(clock, { cacheSeconds: 60 });
    const asked = (token: string) => endpoint.requests.filter((r) => r.token === token).length;
    await Promise.all([verifier.verify('short-lived'), verifier.verify('short-lived')]);
    await verifier.verify('long-lived');
    expect([asked('short-lived'), asked('long-lived')]).toEqual([1, 1]);
    clock.ms += 19_000;
    expect((await verifier.verify('short-lived')).ok).toBe(true);
    expect(asked('short-lived')).toBe(1);
    // Past its exp the answer is not used again: the issuer is asked, and the expired token refused.
    clock.ms += 2_000 + 30_000;
    expect(await verifier.verify('short-lived')).toEqual({
      ok: false,
      invalid: true,
      reason: 'the token has expired',
    });
    expect(asked('short-lived')).toBe(2);
    // Within its exp, an answer is kept for cacheSeconds only (the token may have been revoked since).
    clock.ms += 30_000;
    expect((await verifier.verify('long-lived')).ok).toBe(true);
    expect(asked('long-lived')).toBe(2);
  });

  it('refuses inactive, foreign and subject-less tokens as invalid', async () => {
    endpoint = await startIntrospectionEndpoint(CLIENT);
    const clock = { ms: Date.now() };
    const exp = Math.floor(clock.ms / 1000) + 600;
    endpoint.tokens.set('other-audience', active({ exp, aud: 'https://elsewhere.example.com' }));
    endpoint.tokens.set('other-issuer', active({ exp, iss: 'https://idp.elsewhere.example.com' }));
    endpoint.tokens.set('no-subject', active({ exp, sub: undefined }));
    endpoint.tokens.set('not-yet', active({ exp, nbf: exp - 10 }));
    const verifier = verifierAt(clock);
    const reasons: Record<string, unknown> = {};
    for (const token of ['revoked', 'other-audience', 'other-issuer', 'no-subject', 'not-yet']) {
      const checked = await verifier.verify(token);
      reasons[token] = checked.ok ? 'accepted' : { invalid: checked.invalid, reason: checked.reason };
    }
    expect(reasons).toEqual({
      revoked: { invalid: true, reason: 'the token is not active' },
      'other-audience': { invalid: true, reason: 'the token is meant for another audience' },
      'other-issuer': { invalid: true, reason: 'the token was issued by another issuer' },
      'no-subject': { invalid: true, reason: 'the token has no subject' },
      'not-yet': { invalid: true, reason: 'the token is not valid yet' },
    });
  });

  it('says the issuer is unavailable (never that the token is bad) when the endpoint fails, and asks again', async () => {
    endpoint = await startIntrospectionEndpoint(CLIENT);
    const clock = { ms: Date.now() };
    endpoint.tokens.set('opaque-alice', active({ exp: Math.floor(clock.ms / 1000) + 600 }));
    endpoint.failWith = 503;
    const verifier = verifierAt(clock);
    expect(await verifier.verify('opaque-alice')).toEqual({
      ok: false,
      invalid: false,
      reason: 'the introspection endpoint answered HTTP 503',
    });
    endpoint.failWith = undefined;
    expect((await verifier.verify('opaque-alice')).ok).toBe(true);
    const wrongSecret = createIntrospectionVerifier(oauthConfig(), { clientSecret: 'not-the-secret' });
    const refused = await wrongSecret.verify('opaque-alice');
    expect(refused).toMatchObject({ ok: false, invalid: false });
    expect(refused.ok ? '' : refused.reason).toMatch(/refused this server's client credentials \(HTTP 401\)/);
    await endpoint.close();
    const gone = await verifierAt(clock).verify('opaque-alice');
    expect(gone).toMatchObject({ ok: false, invalid: false });
    expect(gone.ok ? '' : gone.reason).toMatch(/^the introspection endpoint cannot be reached/);
  });

  it("finds the endpoint in the issuer's discovery document when none is configured", async () => {
    endpoint = await startIntrospectionEndpoint(CLIENT);
    const oauth = authSchema.parse({
      oauth: {
        issuer: idp.issuer,
        audience: AUDIENCE,
        introspection: { clientId: CLIENT.id, clientSecretEnv: 'INTROSPECTION_SECRET' },
      },
    }).oauth!;
    // The provider's own endpoint answers { active: true } and nothing more: no subject, so no caller.
    const checked = await createIntrospectionVerifier(oauth, { clientSecret: CLIENT.secret }).verify('x');
    expect(checked).toEqual({ ok: false, invalid: true, reason: 'the token has no subject' });
  });

  it('checks JWTs with the keys and opaque tokens by introspection, by default', async () => {
    endpoint = await startIntrospectionEndpoint(CLIENT);
    endpoint.tokens.set('opaque-bob', active({ sub: 'bob', exp: Math.floor(Date.now() / 1000) + 600 }));
    const verifier = createDefaultVerifier(oauthConfig(), { introspectionSecret: CLIENT.secret });
    expect(await verifier.verify(await idp.token({ sub: 'carol' }))).toMatchObject({
      ok: true,
      claims: { sub: 'carol' },
    });
    expect(await verifier.verify('opaque-bob')).toMatchObject({ ok: true, claims: { sub: 'bob' } });
    expect(endpoint.requests.map((r) => r.token)).toEqual(['opaque-bob']);
  });
});

describe('the accessTokenVerifier part', () => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('decides who an HTTP caller is: a verifier of its own replaces the default', async () => {
    const config = parseConfig({
      packs: [],
      server: {
        transport: 'streamable-http',
        port: 0,
        auth: { oauth: { issuer: idp.issuer, audience: AUDIENCE } },
      },
      profiles: { analyst: { match: { groups: ['soc-analysts'] } } },
    });
    const seen: string[] = [];
    host = await createHost({
      config,
      packs: [{ specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack }],
      client: fakeClient(),
      logger: createLogger({ level: 'warn', format: 'json', sink: memorySink() }),
      parts: {
        accessTokenVerifier: () => ({
          async verify(token) {
            seen.push(token);
            return token === 'device-cert:alice'
              ? { ok: true, claims: { sub: 'alice', groups: ['soc-analysts'] } }
              : { ok: false, invalid: true, reason: 'unknown device' };
          },
          async warm() {},
        }),
      },
    });
    const running = await host.listen();
    const initialize = (token: string) => postMcp(running.url, INITIALIZE, { token });
    expect((await initialize('device-cert:alice')).status).toBe(200);
    const refused = await initialize('device-cert:mallory');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error_description="unknown device"');
    expect(seen).toEqual(['device-cert:alice', 'device-cert:mallory']);
  });
});
