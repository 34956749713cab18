import { describe, expect, it } from 'vitest';
import { authSchema, profilesSchema } from '../config/authSchema.js';
import type { AccessTokenVerifier, TokenCheck } from './accessTokens.js';
import { claimList } from './claims.js';
import { matchProfile } from './matchProfile.js';
import { createTeamAuth } from './teamAuth.js';
import type { AuthOutcome } from './types.js';

const profiles = profilesSchema.parse({
  analyst: { match: { groups: ['soc-analysts'] } },
  responder: {
    match: { groups: ['soc-responders'] },
    mode: 'read-write',
    requestsPerMinute: 120,
    maxSessionsPerCaller: 4,
  },
  auditor: { match: { scopes: ['audit'], subjects: ['svc-audit'] } },
  bot: {},
});

/** A verifier that answers from a table (the real one is tested against a real identity provider). */
function tableVerifier(table: Record<string, TokenCheck>): AccessTokenVerifier {
  return {
    async verify(token) {
      return table[token] ?? { ok: false, invalid: true, reason: 'the token is malformed' };
    },
    async warm() {},
  };
}
const claims = (c: Record<string, unknown>): TokenCheck => ({
  ok: true,
  claims: { sub: 'user', ...c } as TokenCheck extends { claims: infer C } ? C : never,
});

const auth = createTeamAuth({
  auth: authSchema.parse({
    oauth: {
      issuer: 'https://idp.example.com',
      audience: 'https://mcp.example.com/mcp',
      requiredScopes: ['mcp'],
    },
    tokens: [{ name: 'ci-bot', tokenEnv: 'X', profile: 'bot' }],
  }),
  profiles,
  tokens: [{ name: 'ci-bot', profile: 'bot', value: 'static-token-value-0123456789' }],
  verifier: tableVerifier({
    analyst: claims({ sub: 'a1', email: 'ann@example.com', groups: ['soc-analysts'], scope: 'mcp' }),
    responder: claims({ sub: 'r1', groups: ['soc-responders', 'soc-analysts'], scope: 'mcp openid' }),
    stranger: claims({ sub: 's1', groups: ['marketing'], scope: 'mcp' }),
    noscope: claims({ sub: 'n1', groups: ['soc-analysts'], scope: 'openid' }),
    down: { ok: false, invalid: false, reason: "the issuer's keys are unavailable: timeout" },
    expired: { ok: false, invalid: true, reason: 'the token has expired' },
  }),
  maxSessionsPerCaller: 8,
  serverPath: '/mcp',
});

const call = (authorization: string | undefined): Promise<AuthOutcome> =>
  auth.authenticate({ authorization, remoteAddress: '127.0.0.1' });
const METADATA = 'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"';

describe('team authentication', () => {
  it('admits a static token with its profile and limits; the key names the token, never its value', async () => {
    const who = await call('Bearer static-token-value-0123456789');
    expect(who).toMatchObject({
      ok: true,
      caller: { name: 'ci-bot', id: 'token:ci-bot', credential: 'token', profile: 'bot' },
      key: 'token:ci-bot',
      limits: { maxSessions: 8, requestsPerMinute: undefined, burst: undefined },
    });
    expect(JSON.stringify(who)).not.toContain('static-token-value');
  });

  it('gives an OAuth caller the first profile its claims match, keyed by subject', async () => {
    expect(await call('Bearer analyst')).toMatchObject({
      ok: true,
      caller: { name: 'a1', id: 'a1', credential: 'oauth', profile: 'analyst' },
      key: 'oauth:a1',
    });
    // In both groups: the first profile listed wins.
    expect(await call('Bearer responder')).toMatchObject({
      caller: { name: 'r1', profile: 'analyst' },
      limits: { maxSessions: 8 },
    });
  });

  it('answers 401 with a Bearer challenge naming the metadata, and invalid_token when a token was sent', async () => {
    const none = await call(undefined);
    expect(none).toMatchObject({ ok: false, status: 401 });
    if (none.ok) return;
    expect(none.headers['www-authenticate']).toContain(METADATA);
    expect(none.headers['www-authenticate']).not.toContain('error=');

    const expired = await call('Bearer expired');
    if (expired.ok) throw new Error('admitted');
    expect(expired.status).toBe(401);
    expect(expired.headers['www-authenticate']).toBe(
      `Bearer realm="mcp-panther", ${METADATA}, error="invalid_token", error_description="the token has expired"`,
    );
    expect(expired.message).toBe('Unauthorized: the token has expired');

    const basic = await call('Basic dXNlcjpwYXNz');
    expect(basic).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 403 insufficient_scope for a missing required scope, and 403 when no profile matches', async () => {
    const noscope = await call('Bearer noscope');
    if (noscope.ok) throw new Error('admitted');
    expect(noscope.status).toBe(403);
    expect(noscope.headers['www-authenticate']).toContain('error="insufficient_scope", scope="mcp"');
    const stranger = await call('Bearer stranger');
    expect(stranger).toMatchObject({
      ok: false,
      status: 403,
      message: 'Forbidden: no profile of this server matches your groups, scopes or subject',
    });
  });

  it('answers 503 with Retry-After when the identity provider cannot be reached', async () => {
    expect(await call('Bearer down')).toMatchObject({
      ok: false,
      status: 503,
      headers: { 'retry-after': '5' },
    });
  });

  it('serves the protected-resource metadata at the path-aware and the bare well-known URLs', () => {
    const doc = {
      resource: 'https://mcp.example.com/mcp',
      authorization_servers: ['https://idp.example.com'],
      bearer_methods_supported: ['header'],
      resource_name: 'mcp-panther',
      scopes_supported: ['mcp'],
    };
    expect(Object.fromEntries(auth.documents)).toEqual({
      '/.well-known/oauth-protected-resource/mcp': doc,
      '/.well-known/oauth-protected-resource': doc,
    });
  });

  it('with static tokens only: a plain realm challenge, unknown tokens refused', async () => {
    const tokensOnly = createTeamAuth({
      auth: authSchema.parse({ tokens: [{ name: 'ci-bot', tokenFile: '/x', profile: 'bot' }] }),
      profiles,
      tokens: [{ name: 'ci-bot', profile: 'bot', value: 'static-token-value-0123456789' }],
      maxSessionsPerCaller: 8,
      serverPath: '/mcp',
    });
    expect(tokensOnly.kind).toBe('tokens');
    expect(tokensOnly.documents.size).toBe(0);
    const wrong = await tokensOnly.authenticate({
      authorization: 'Bearer static-token-value-0123456780',
      remoteAddress: '',
    });
    expect(wrong).toMatchObject({
      ok: false,
      status: 401,
      headers: {
        'www-authenticate':
          'Bearer realm="mcp-panther", error="invalid_token", error_description="unknown token"',
      },
    });
  });
});

describe('profile matching', () => {
  it('needs every kind a match names, and any value within a kind', () => {
    expect(matchProfile(profiles, { subject: 'svc-audit', groups: [], scopes: ['audit', 'x'] })).toBe(
      'auditor',
    );
    expect(matchProfile(profiles, { subject: 'svc-other', groups: [], scopes: ['audit'] })).toBeUndefined();
    expect(matchProfile(profiles, { subject: 'x', groups: ['soc-responders'], scopes: [] })).toBe(
      'responder',
    );
    // A profile without match (static tokens only) never matches a claim set.
    expect(matchProfile({ bot: profiles['bot']! }, { subject: 'x', groups: [], scopes: [] })).toBeUndefined();
  });

  it('reads claims by exact (namespaced) name, then dotted path; only a space-separated claim splits a string', () => {
    const c = {
      'https://example.com/groups': ['a', 'b'],
      realm_access: { roles: ['r1', 2, 'r2'] },
      scope: 'one  two',
      scp: ['three'],
      groups: 'SOC Responders',
      empty: '',
    };
    expect(claimList(c, 'https://example.com/groups')).toEqual(['a', 'b']);
    expect(claimList(c, 'realm_access.roles')).toEqual(['r1', 'r2']);
    expect(claimList(c, 'scope', { spaceSeparated: true })).toEqual(['one', 'two']);
    expect(claimList(c, 'scp', { spaceSeparated: true })).toEqual(['three']);
    expect(claimList(c, 'groups')).toEqual(['SOC Responders']);
    expect(claimList(c, 'empty')).toEqual([]);
    expect(claimList(c, 'missing.path')).toEqual([]);
  });

  it('a groups claim sent as one string is one group, never split into words', async () => {
    const spaced = createTeamAuth({
      auth: authSchema.parse({
        oauth: { issuer: 'https://idp.example.com', audience: 'https://mcp.example.com/mcp' },
      }),
      profiles: profilesSchema.parse({
        titled: { match: { groups: ['SOC Responders'] } },
        responder: { match: { groups: ['soc-responders'] } },
      }),
      tokens: [],
      verifier: tableVerifier({
        sneaky: claims({ sub: 'e1', groups: 'not soc-responders' }),
        titled: claims({ sub: 't1', groups: 'SOC Responders' }),
        listed: claims({ sub: 'l1', groups: ['SOC Responders'] }),
      }),
      maxSessionsPerCaller: 8,
      serverPath: '/mcp',
    });
    const profileOf = async (token: string) => {
      const outcome = await spaced.authenticate({
        authorization: `Bearer ${token}`,
        remoteAddress: '127.0.0.1',
      });
      return outcome.ok ? outcome.caller?.profile : outcome.status;
    };
    expect(await profileOf('sneaky')).toBe(403);
    expect(await profileOf('titled')).toBe('titled');
    expect(await profileOf('listed')).toBe('titled');
  });
});
