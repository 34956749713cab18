import type { Sandbox } from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IntrospectionEndpoint,
  startIntrospectionEndpoint,
} from '../../core/src/testdata/introspectionEndpoint.js';
import { INITIALIZE, postMcp } from '../../core/src/testdata/rawMcp.js';
import {
  assertBuilt,
  baseEnv,
  connectHttp,
  killAll,
  startHttp,
  startPanther,
  tempDir,
  textOf,
  writeConfig,
} from './testdata/harness.js';
import { type IdentityProvider, startIdentityProvider } from './testdata/identityProvider.js';

// Opaque access tokens end to end: the built `mcp-panther` over HTTP asks the issuer about each token (OAuth 2.0
// token introspection, RFC 7662) at a real endpoint on 127.0.0.1, keeps the answer no longer than the token lives,
// and serves the caller its profile; JWTs from the same issuer are still checked with its keys.

const AUDIENCE = 'https://mcp.example.com/mcp';
const CLIENT = { id: 'mcp-panther', secret: 'introspection-client-secret-0123' };
let panther: Sandbox;
let idp: IdentityProvider;
let endpoint: IntrospectionEndpoint;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: Awaited<ReturnType<typeof startHttp>>;
const clients: Client[] = [];

beforeAll(async () => {
  assertBuilt();
  [panther, idp, endpoint, tmp] = await Promise.all([
    startPanther(),
    startIdentityProvider(AUDIENCE),
    startIntrospectionEndpoint(CLIENT),
    tempDir(),
  ]);
  const config = await writeConfig(tmp.dir, 'introspection.config.json', {
    server: {
      transport: 'http',
      host: '127.0.0.1',
      port: 0,
      auth: {
        oauth: {
          issuer: idp.issuer,
          audience: AUDIENCE,
          introspection: {
            endpoint: endpoint.url,
            clientId: CLIENT.id,
            clientSecretEnv: 'MCP_INTROSPECTION_SECRET',
            cacheSeconds: 300,
          },
        },
      },
    },
    profiles: { analyst: { match: { groups: ['soc-analysts'] }, mode: 'read-only' } },
  });
  server = await startHttp(
    ['--config', config],
    baseEnv({
      PANTHER_INSTANCE_URL: panther.url,
      PANTHER_API_TOKEN: panther.tokens.analyst,
      MCP_INTROSPECTION_SECRET: CLIENT.secret,
    }),
  );
});
afterAll(async () => {
  for (const client of clients) await client.close().catch(() => {});
  await killAll();
  await Promise.all([panther?.close(), idp?.stop(), endpoint?.close(), tmp?.remove()]);
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** An opaque token the issuer knows: active for `seconds`, inactive after (as an issuer answers). */
function opaqueToken(name: string, seconds: number): string {
  const token = `opaque-${name}-${Math.random().toString(36).slice(2)}`;
  const exp = nowSeconds() + seconds;
  endpoint.tokens.set(token, (now) =>
    now < exp
      ? { active: true, sub: `u-${name}`, aud: AUDIENCE, iss: idp.issuer, exp, groups: ['soc-analysts'] }
      : { active: false },
  );
  return token;
}
const asked = (token: string) => endpoint.requests.filter((r) => r.token === token).length;

async function connectAs(token: string): Promise<Client> {
  const client = await connectHttp(server.url, { authorization: `Bearer ${token}` });
  clients.push(client);
  return client;
}
const initialize = (token: string): Promise<Response> => postMcp(server.url, INITIALIZE, { token });

describe('opaque access tokens checked by introspection over HTTP', () => {
  it("serve the caller its profile, asking the issuer once while the token's answer holds", async () => {
    const token = opaqueToken('ann', 600);
    const client = await connectAs(token);
    const tools = (await client.listTools()).tools;
    expect(tools.length).toBeGreaterThan(20);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    const result = await client.callTool({ name: 'list_alerts', arguments: { page_size: 1 } });
    expect(result.isError, textOf(result)).toBeFalsy();
    // Every request of the session carried the token; the issuer was asked about it once.
    expect(asked(token)).toBe(1);
  });

  it("ask again once the token's expiry has passed, and then refuse it", async () => {
    const expiresAt = Date.now() + 5_000;
    const token = opaqueToken('ben', 5);
    expect((await initialize(token)).status).toBe(200);
    expect((await initialize(token)).status).toBe(200);
    expect(asked(token)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 1_000));
    const refused = await initialize(token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(asked(token)).toBe(2);
  });

  it('refuse a token the issuer does not know, and still take its JWTs', async () => {
    const refused = await initialize('opaque-made-up-token');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error_description="the token is not active"');
    const jwt = await idp.token({ sub: 'u-cat', groups: ['soc-analysts'] });
    expect((await initialize(jwt)).status).toBe(200);
    expect(endpoint.requests.some((r) => r.token === jwt)).toBe(false);
  });

  it('never show the client secret or a token in the log', () => {
    const log = server.stderr();
    expect(log).not.toContain(CLIENT.secret);
    for (const { token } of endpoint.requests) expect(log).not.toContain(token);
  });
});
