import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { createHost, type Host } from '../host/createHost.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { startIdentityProvider, type TestIdentityProvider } from '../testdata/identityProvider.js';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import { INITIALIZE, postMcp } from '../testdata/rawMcp.js';
import type { RunningHttpServer } from './http.js';

// The host serving HTTP with team authentication: a real identity provider (oauth2-mock-server) issues the access
// tokens, the SDK's client connects over HTTP, and each profile's Panther token has permissions of its own.

const AUDIENCE = 'https://mcp.example.com/mcp';
const BOT_TOKEN = 'static-bot-token-0123456789abcdef';
const LIMITED_TOKEN = 'static-limited-token-0123456789ab';
/** Panther tokens by profile, and what each may do. */
const PANTHER = {
  host: { token: 'panther-host-token-000', permissions: ['AlertRead'] },
  writer: { token: 'panther-writer-token-111', permissions: ['AlertRead', 'AlertModify', 'RuleModify'] },
  bot: { token: 'panther-bot-token-222', permissions: ['AlertRead', 'AlertModify'] },
};

let idp: TestIdentityProvider;
let host: Host;
let server: RunningHttpServer;
const log = memorySink();
const audit: string[] = [];
const clientsByToken = new Map<string, ReturnType<typeof fakeClient>>();

beforeAll(async () => {
  idp = await startIdentityProvider(AUDIENCE);
  const config = parseConfig({
    packs: [],
    policy: { denyTools: ['fail_*'] },
    server: {
      transport: 'http',
      port: 0,
      maxSessionsPerCaller: 3,
      auth: {
        oauth: { issuer: idp.issuer, audience: AUDIENCE, requiredScopes: ['mcp'] },
        tokens: [
          { name: 'ci-bot', tokenEnv: 'BOT_TOKEN', profile: 'bot' },
          { name: 'limited', tokenEnv: 'LIMITED_TOKEN', profile: 'limited' },
        ],
      },
    },
    profiles: {
      reader: { match: { groups: ['readers'] } },
      writer: {
        match: { groups: ['writers'] },
        mode: 'read-write',
        denyTools: ['delete_*'],
        pantherTokenEnv: 'PANTHER_WRITER',
      },
      bot: { mode: 'read-write', allowTools: ['*_thing*'], pantherTokenEnv: 'PANTHER_BOT' },
      limited: { requestsPerMinute: 3, burst: 3 },
    },
    logging: { level: 'debug' },
  });
  host = await createHost({
    config,
    packs: [{ specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack }],
    logger: createLogger({ level: 'debug', format: 'json', sink: log }),
    env: {
      BOT_TOKEN,
      LIMITED_TOKEN,
      PANTHER_WRITER: PANTHER.writer.token,
      PANTHER_BOT: PANTHER.bot.token,
    },
    parts: {
      connect: async () => ({
        target: { rest: 'https://api.fake.test', graphql: 'https://api.fake.test/graphql' },
        token: PANTHER.host.token,
      }),
      // Each Panther token gets a client of its own, whose permissions are that token's.
      pantherClient: ({ token }) => {
        const entry = Object.values(PANTHER).find((p) => p.token === token);
        const client = fakeClient(entry?.permissions ?? []);
        clientsByToken.set(token, client);
        return client;
      },
      auditSink: () => ({ write: async (line) => void audit.push(line), close: async () => {} }),
    },
  });
  server = await host.listen();
});
afterAll(async () => {
  await host?.close();
  await idp?.stop();
});

const open: Client[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.close().catch(() => {});
});

/** A client that can be asked to confirm writes (MCP elicitation), and accepts. */
async function connect(token: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client(
    { name: 'team-test', version: '1' },
    { capabilities: { elicitation: { form: {} } } },
  );
  client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept' }));
  const transport = new StreamableHTTPClientTransport(new URL(server.url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  open.push(client);
  return { client, transport };
}
const names = async (client: Client): Promise<string[]> =>
  (await client.listTools()).tools.map((t) => t.name).sort();
const text = (result: unknown): string =>
  ((result as { content: { text: string }[] }).content ?? []).map((c) => c.text).join('\n');

const post = (token: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  postMcp(server.url, body, { token, headers });
const initialize = INITIALIZE;

describe('team deployment over HTTP', () => {
  it('gives two callers at the same time the tools of their own profiles, computed once per profile', async () => {
    const reader = await connect(await idp.token({ sub: 'rita', groups: ['readers'], scope: 'mcp' }));
    const writer = await connect(await idp.token({ sub: 'walt', groups: ['writers'], scope: 'mcp openid' }));
    const [readerTools, writerTools] = await Promise.all([names(reader.client), names(writer.client)]);
    expect(readerTools).toEqual(['list_things']);
    // Read-write, its own token may modify alerts and rules; delete_* denied by the profile, fail_* by the host.
    expect(writerTools).toEqual(['list_things', 'update_thing']);
    expect(host.profiles.get('writer')?.tools.hidden.map((h) => [h.tool.name, h.reason])).toEqual([
      ['delete_thing', 'denied'],
      ['fail_thing', 'denied'],
    ]);

    // A tool the profile does not allow does not exist for the caller.
    const refused = await reader.client.callTool({
      name: 'update_thing',
      arguments: { id: 'a', status: 'CLOSED' },
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe('MCP error -32602: Tool update_thing not found');
    const done = await writer.client.callTool({
      name: 'update_thing',
      arguments: { id: 'a', status: 'CLOSED' },
    });
    expect(done.structuredContent).toEqual({ id: 'a', status: 'CLOSED' });

    // The config resource shows each caller its own profile.
    const shown = await reader.client.readResource({ uri: 'config://panther' });
    expect(JSON.parse((shown.contents[0] as { text: string }).text)).toMatchObject({
      profile: 'reader',
      mode: 'read-only',
      available_tools: ['list_things'],
      token_permissions: ['AlertRead'],
    });
  });

  it('uses each profile’s own Panther token: calls go through that token’s client only', async () => {
    const writer = await connect(await idp.token({ sub: 'walt', groups: ['writers'], scope: 'mcp' }));
    const before = clientsByToken.get(PANTHER.writer.token)!.requests.length;
    const hostBefore = clientsByToken.get(PANTHER.host.token)!.requests.length;
    await writer.client.callTool({ name: 'list_things', arguments: {} });
    expect(clientsByToken.get(PANTHER.writer.token)!.requests.length).toBe(before + 1);
    expect(clientsByToken.get(PANTHER.host.token)!.requests.length).toBe(hostBefore);
  });

  it('writes audit records that name the caller, profile, session and request of every write', async () => {
    const bot = await connect(BOT_TOKEN);
    // Its Panther token may not modify rules: delete_thing is hidden although the profile allows it.
    expect(await names(bot.client)).toEqual(['list_things', 'update_thing']);
    expect(host.profiles.get('bot')?.tools.hidden.find((h) => h.tool.name === 'delete_thing')?.reason).toBe(
      'permission',
    );
    audit.length = 0;
    await bot.client.callTool({ name: 'update_thing', arguments: { id: 'x1', status: 'OPEN' } });
    const records = audit.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => r['phase'])).toEqual(['intent', 'outcome']);
    for (const record of records) {
      expect(record).toMatchObject({
        tool: 'update_thing',
        caller: 'ci-bot',
        callerId: 'token:ci-bot',
        credential: 'token',
        profile: 'bot',
        session: bot.transport.sessionId,
      });
      expect(typeof record['request']).toBe('number');
    }
  });

  it('answers every bad token with 401 and a WWW-Authenticate challenge naming the metadata document', async () => {
    const bad = { ...(await idp.badTokens(AUDIENCE)), 'static look-alike': `${BOT_TOKEN}x` };
    const metadata = `resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"`;
    for (const [kind, token] of Object.entries(bad)) {
      const response = await post(token, initialize);
      expect(response.status, kind).toBe(401);
      const challenge = response.headers.get('www-authenticate') ?? '';
      expect(challenge, kind).toContain(metadata);
      expect(challenge, kind).toContain('error="invalid_token"');
      const body = await response.text();
      expect(body).not.toContain(token);
    }
    const none = await post(undefined, initialize);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe(`Bearer realm="mcp-panther", ${metadata}`);
  });

  it('answers 403 to a caller matching no profile, and 403 insufficient_scope without the required scope', async () => {
    const stranger = await post(await idp.token({ groups: ['marketing'], scope: 'mcp' }), initialize);
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).toContain(
      'no profile of this server matches your groups, scopes or subject',
    );
    const noScope = await post(await idp.token({ groups: ['readers'], scope: 'openid' }), initialize);
    expect(noScope.status).toBe(403);
    expect(noScope.headers.get('www-authenticate')).toContain('error="insufficient_scope", scope="mcp"');
  });

  it('serves the protected-resource metadata (RFC 9728) naming the issuer, without authentication', async () => {
    const base = new URL(server.url).origin;
    for (const path of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        resource: AUDIENCE,
        authorization_servers: [idp.issuer],
        bearer_methods_supported: ['header'],
        resource_name: 'mcp-panther',
        scopes_supported: ['mcp'],
      });
    }
  });

  it('keeps a session to the caller and the profile that opened it: another caller or a demoted one gets 403', async () => {
    const writer = await connect(await idp.token({ sub: 'walt', groups: ['writers'], scope: 'mcp' }));
    const onSession = {
      'mcp-session-id': writer.transport.sessionId ?? '',
      'mcp-protocol-version': '2025-06-18',
    };
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    const other = await post(
      await idp.token({ sub: 'rita', groups: ['readers'], scope: 'mcp' }),
      list,
      onSession,
    );
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('this session was opened by another caller');
    // The same subject with a fresh token (a refresh) keeps its session.
    const same = await post(
      await idp.token({ sub: 'walt', groups: ['writers'], scope: 'mcp' }),
      list,
      onSession,
    );
    expect(same.status).toBe(200);
    await same.body?.cancel();
    // The same subject demoted (its groups now match another profile): refused, and the session ends.
    const demoted = await post(
      await idp.token({ sub: 'walt', groups: ['readers'], scope: 'mcp' }),
      list,
      onSession,
    );
    expect(demoted.status).toBe(403);
    expect(await demoted.text()).toContain(
      'your access changed since this session was opened (profile \\"writer\\" → \\"reader\\"); the session is closed',
    );
    const afterwards = await post(
      await idp.token({ sub: 'walt', groups: ['writers'], scope: 'mcp' }),
      list,
      onSession,
    );
    expect(afterwards.status).toBe(404);
    await afterwards.body?.cancel();
  });

  it('caps each caller’s sessions (429 with Retry-After) without refusing other callers', async () => {
    const token = await idp.token({ sub: 'greedy', groups: ['readers'], scope: 'mcp' });
    for (let i = 0; i < 3; i++) await connect(token);
    const over = await post(token, initialize);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await over.text()).toContain('you hold your maximum of 3 open sessions (maxSessionsPerCaller)');
    const someoneElse = await connect(await idp.token({ sub: 'modest', groups: ['readers'], scope: 'mcp' }));
    expect(await names(someoneElse.client)).toEqual(['list_things']);
  });

  it('limits each caller’s request rate by its profile (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await post(LIMITED_TOKEN, initialize);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Other callers are not slowed by it.
    expect((await post(BOT_TOKEN, initialize)).status).toBe(200);
  });

  it('never writes a token to the log or the audit records', async () => {
    const secrets = [BOT_TOKEN, LIMITED_TOKEN, ...Object.values(PANTHER).map((p) => p.token)];
    const everything = [...log.lines, ...audit].join('\n');
    expect(log.lines.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // No access token either (a JWT starts with the base64url of '{"').
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    expect(everything).toContain('"reason":"the token has expired"');
  });
});

describe('team authentication without sessions (stateless)', () => {
  it('serves each request with a server for its caller’s profile', async () => {
    const config = parseConfig({
      packs: [],
      server: {
        transport: 'http',
        port: 0,
        stateless: true,
        auth: {
          tokens: [
            { name: 'reader', tokenEnv: 'READER', profile: 'reader' },
            { name: 'writer', tokenEnv: 'WRITER', profile: 'writer' },
          ],
        },
      },
      profiles: { reader: {}, writer: { mode: 'read-write' } },
    });
    const stateless = await createHost({
      config,
      packs: [{ specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack }],
      client: fakeClient(),
      logger: createLogger({ level: 'error', format: 'json', sink: memorySink() }),
      env: { READER: BOT_TOKEN, WRITER: LIMITED_TOKEN },
    });
    try {
      const running = await stateless.listen();
      const list = async (token: string) => {
        const client = new Client({ name: 'stateless', version: '1' });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(running.url), {
            requestInit: { headers: { authorization: `Bearer ${token}` } },
          }),
        );
        try {
          return (await client.listTools()).tools.map((t) => t.name).sort();
        } finally {
          await client.close();
        }
      };
      expect(await list(BOT_TOKEN)).toEqual(['fail_thing', 'list_things']);
      expect(await list(LIMITED_TOKEN)).toEqual(['fail_thing', 'list_things', 'update_thing']);
      expect((await fetch(running.url, { method: 'POST', body: '{}' })).status).toBe(401);
    } finally {
      await stateless.close();
    }
  });
});

describe('a reload with profiles', () => {
  it('rebuilds every profile’s catalog and tells each session only about its own list', async () => {
    const raw = {
      packs: [],
      server: {
        transport: 'http',
        port: 0,
        auth: {
          tokens: [
            { name: 'reader', tokenEnv: 'READER', profile: 'reader' },
            { name: 'writer', tokenEnv: 'WRITER', profile: 'writer' },
          ],
        },
      },
      profiles: { reader: {}, writer: { mode: 'read-write' } },
    };
    const packs = [
      { specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack },
    ];
    const reloading = await createHost({
      config: parseConfig(raw),
      packs,
      client: fakeClient(),
      logger: createLogger({ level: 'error', format: 'json', sink: memorySink() }),
      env: { READER: BOT_TOKEN, WRITER: LIMITED_TOKEN },
    });
    try {
      const running = await reloading.listen();
      const changed = { reader: 0, writer: 0 };
      const connectAs = async (who: 'reader' | 'writer', token: string) => {
        const client = new Client({ name: who, version: '1' });
        client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
          changed[who]++;
        });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(running.url), {
            requestInit: { headers: { authorization: `Bearer ${token}` } },
          }),
        );
        open.push(client);
        return client;
      };
      const reader = await connectAs('reader', BOT_TOKEN);
      const writer = await connectAs('writer', LIMITED_TOKEN);
      expect(await names(writer)).toEqual(['fail_thing', 'list_things', 'update_thing']);

      const report = await reloading.reload({
        config: parseConfig({ ...raw, policy: { denyTools: ['update_*'] } }),
        packs,
      });
      // The top-level list had no write tool to lose; the writer's profile did.
      expect(report.removedTools).toEqual([]);
      expect(await names(writer)).toEqual(['fail_thing', 'list_things']);
      expect(await names(reader)).toEqual(['fail_thing', 'list_things']);
      for (let i = 0; i < 100 && changed.writer === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(changed).toEqual({ reader: 0, writer: 1 });
      expect(
        reloading.profiles.get('writer')?.tools.hidden.map((h) => [h.tool.name, h.reason]),
      ).toContainEqual(['update_thing', 'denied']);
    } finally {
      await reloading.close();
    }
  });

  it('ends the sessions of a static token rotated, removed or moved to another profile; others keep theirs', async () => {
    const tokens = [
      { name: 'reader', tokenEnv: 'READER', profile: 'reader' },
      { name: 'writer', tokenEnv: 'WRITER', profile: 'writer' },
      { name: 'mover', tokenEnv: 'MOVER', profile: 'reader' },
      { name: 'leaver', tokenEnv: 'LEAVER', profile: 'reader' },
    ];
    const raw = (list: typeof tokens) => ({
      packs: [],
      server: { transport: 'http', port: 0, auth: { tokens: list } },
      profiles: { reader: {}, writer: { mode: 'read-write' } },
    });
    const env: Record<string, string> = {
      READER: 'reader-token-0123456789abcdef',
      WRITER: 'writer-token-0123456789abcdef',
      MOVER: 'mover-token-0123456789abcdef',
      LEAVER: 'leaver-token-0123456789abcdef',
    };
    const packs = [
      { specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack },
    ];
    const reloading = await createHost({
      config: parseConfig(raw(tokens)),
      packs,
      client: fakeClient(),
      logger: createLogger({ level: 'error', format: 'json', sink: memorySink() }),
      env,
    });
    try {
      const running = await reloading.listen();
      const connectWith = async (token: string) => {
        const client = new Client({ name: 'rotation', version: '1' });
        const transport = new StreamableHTTPClientTransport(new URL(running.url), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        });
        await client.connect(transport);
        open.push(client);
        return transport.sessionId ?? '';
      };
      const sessionOf = {
        reader: await connectWith(env['READER']!),
        writer: await connectWith(env['WRITER']!),
        mover: await connectWith(env['MOVER']!),
        leaver: await connectWith(env['LEAVER']!),
      };
      expect(running.sessionCount).toBe(4);
      const oldWriter = env['WRITER']!;
      env['WRITER'] = 'writer-token-rotated-456789abcdef';
      await reloading.reload({
        config: parseConfig(
          raw([tokens[0]!, tokens[1]!, { ...tokens[2]!, profile: 'writer' }]), // leaver removed, mover moved
        ),
        packs,
      });
      for (let i = 0; i < 100 && running.sessionCount > 1; i++) await new Promise((r) => setTimeout(r, 20));
      expect(running.sessionCount).toBe(1);
      const listOn = (token: string, session: string) =>
        fetch(running.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            authorization: `Bearer ${token}`,
            'mcp-session-id': session,
            'mcp-protocol-version': '2025-06-18',
          },
          body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
        });
      expect((await listOn(env['READER']!, sessionOf.reader)).status).toBe(200);
      expect((await listOn(oldWriter, sessionOf.writer)).status).toBe(401);
      expect((await listOn(env['WRITER']!, sessionOf.writer)).status).toBe(404);
      expect((await listOn(env['MOVER']!, sessionOf.mover)).status).toBe(404);
      expect((await listOn(env['LEAVER']!, sessionOf.leaver)).status).toBe(401);
      // The rotated token and the moved one open new sessions with what they hold now.
      await connectWith(env['WRITER']!);
      await connectWith(env['MOVER']!);
      expect(reloading.config.server.auth?.tokens.map((t) => `${t.name}:${t.profile}`)).toEqual([
        'reader:reader',
        'writer:writer',
        'mover:writer',
      ]);
    } finally {
      await reloading.close();
    }
  });
});
