import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { createHost, type Host } from '../host/createHost.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { fakeClient, otherPack, thingsPack } from '../testdata/packs.js';
import { INITIALIZE, mcpMessage, postMcp } from '../testdata/rawMcp.js';
import type { RunningHttpServer } from './http.js';

// Toolsets per connection over real HTTP: the SDK's client (and raw requests) choose packs, tools and read-only
// by URL path and headers; each choice only narrows what the caller's profile serves.

const READER = 'reader-token-0123456789abcdef';
const WRITER = 'writer-token-0123456789abcdef';

const packs = [thingsPack, otherPack].map((pack) => ({
  specifier: pack.id,
  enabled: true,
  optional: false,
  config: undefined,
  pack,
}));

async function startHost(stateless: boolean): Promise<{ host: Host; server: RunningHttpServer }> {
  const config = parseConfig({
    packs: [],
    policy: { mode: 'read-write', confirmWrites: 'never' },
    server: {
      transport: 'http',
      port: 0,
      stateless,
      auth: {
        tokens: [
          { name: 'rita', tokenEnv: 'READER', profile: 'reader' },
          { name: 'walt', tokenEnv: 'WRITER', profile: 'writer' },
        ],
      },
    },
    profiles: { reader: { mode: 'read-only' }, writer: { mode: 'read-write' } },
  });
  const host = await createHost({
    config,
    packs,
    logger: createLogger({ level: 'error', format: 'json', sink: memorySink() }),
    env: { READER, WRITER },
    parts: {
      connect: async () => ({
        target: { rest: 'https://api.fake.test', graphql: 'https://api.fake.test/graphql' },
        token: 't',
      }),
      pantherClient: () => fakeClient(['AlertRead', 'AlertModify', 'UserRead', 'RuleModify']),
    },
  });
  return { host, server: await host.listen() };
}

let stateful: { host: Host; server: RunningHttpServer };
let stateless: { host: Host; server: RunningHttpServer };
beforeAll(async () => {
  [stateful, stateless] = await Promise.all([startHost(false), startHost(true)]);
});
afterAll(async () => {
  await stateful?.host.close();
  await stateless?.host.close();
});

const open: Client[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.close().catch(() => {});
});

async function connect(
  path: string,
  token: string,
  headers: Record<string, string> = {},
  server = stateful.server,
) {
  const client = new Client({ name: 'toolsets-test', version: '1' });
  const url = new URL(server.url);
  url.pathname = path;
  await client.connect(
    new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { authorization: `Bearer ${token}`, ...headers } },
    }),
  );
  open.push(client);
  return client;
}
const names = async (client: Client) => (await client.listTools()).tools.map((t) => t.name).sort();

function post(path: string, body: unknown, headers: Record<string, string>, server = stateful.server) {
  const url = new URL(server.url);
  url.pathname = path;
  return postMcp(url.href, body, { headers });
}
const initialize = INITIALIZE;
/** The JSON-RPC answer in a response (plain JSON or one SSE event). */
const answer = async (response: Response) =>
  ((await mcpMessage(response)) ?? {}) as { result?: { tools?: { name: string }[] } };

describe('toolsets per connection over HTTP', () => {
  it('narrow by URL path: /mcp/x/{pack}, /mcp/readonly and both', async () => {
    expect(await names(await connect('/mcp', WRITER))).toEqual([
      'delete_thing',
      'fail_thing',
      'get_other',
      'list_things',
      'update_thing',
    ]);
    expect(await names(await connect('/mcp/x/things', WRITER))).toEqual([
      'delete_thing',
      'fail_thing',
      'list_things',
      'update_thing',
    ]);
    expect(await names(await connect('/mcp/x/things+other', WRITER))).toEqual([
      'delete_thing',
      'fail_thing',
      'get_other',
      'list_things',
      'update_thing',
    ]);
    expect(await names(await connect('/mcp/readonly', WRITER))).toEqual([
      'fail_thing',
      'get_other',
      'list_things',
    ]);
    expect(await names(await connect('/mcp/x/things/readonly', WRITER))).toEqual([
      'fail_thing',
      'list_things',
    ]);
  });

  it('narrow by headers, and by path and headers together (each must select a tool)', async () => {
    expect(await names(await connect('/mcp', WRITER, { 'X-MCP-Toolsets': 'other' }))).toEqual(['get_other']);
    expect(await names(await connect('/mcp', WRITER, { 'X-MCP-Tools': 'list_things,update_thing' }))).toEqual(
      ['list_things', 'update_thing'],
    );
    expect(
      await names(await connect('/mcp', WRITER, { 'X-MCP-Toolsets': 'other', 'X-MCP-Tools': 'list_things' })),
    ).toEqual(['get_other', 'list_things']);
    expect(await names(await connect('/mcp', WRITER, { 'X-MCP-Readonly': 'true' }))).not.toContain(
      'update_thing',
    );
    expect(
      await names(
        await connect('/mcp/x/things', WRITER, {
          'X-MCP-Tools': 'list_things,get_other',
          'X-MCP-Readonly': '1',
        }),
      ),
    ).toEqual(['list_things']);
  });

  it('never widen: a read-only profile asking for a pack with X-MCP-Readonly: false gets no write tool', async () => {
    const reader = await connect('/mcp', READER, { 'X-MCP-Toolsets': 'things', 'X-MCP-Readonly': 'false' });
    expect(await names(reader)).toEqual(['fail_thing', 'list_things']);
    const asked = await reader.callTool({ name: 'update_thing', arguments: { id: 'a', status: 'OPEN' } });
    expect(asked.isError).toBe(true);
    const alsoPath = await connect('/mcp/x/things', READER, { 'X-MCP-Tools': 'update_thing' });
    expect(await names(alsoPath)).toEqual([]);
  });

  it('hides what is left out: a tool outside the toolset cannot be called, and config://panther shows the set', async () => {
    const client = await connect('/mcp/x/other', WRITER, { 'X-MCP-Readonly': 'yes' });
    const called = await client.callTool({ name: 'list_things', arguments: {} });
    expect(called.isError).toBe(true);
    const read = await client.readResource({ uri: 'config://panther' });
    const info = JSON.parse((read.contents[0] as { text: string }).text);
    expect(info.available_tools).toEqual(['get_other']);
    expect(info.mode).toBe('read-only');
    expect(info.toolset).toEqual({ packs: ['other'], read_only: true });
    expect(info.hidden_tools).toContainEqual(
      expect.objectContaining({ name: 'list_things', reason: 'toolset' }),
    );
    expect((await client.listPrompts()).prompts).toEqual([]);
  });

  it.each([
    [
      '/mcp/x/things+nope',
      {},
      'the URL path /mcp/x/things+nope: unknown pack "nope"; the packs are things, other',
    ],
    [
      '/mcp',
      { 'X-MCP-Toolsets': 'alerts' },
      'X-MCP-Toolsets: unknown pack "alerts"; the packs are things, other',
    ],
    ['/mcp', { 'X-MCP-Tools': 'list_thing' }, 'X-MCP-Tools: unknown tool "list_thing"'],
    ['/mcp', { 'X-MCP-Readonly': 'perhaps' }, 'X-MCP-Readonly must be true or false'],
  ])('answer 400 naming the problem: %s %j', async (path, headers, message) => {
    const sessions = stateful.server.sessionCount;
    for (const server of [stateful.server, stateless.server]) {
      const response = await post(
        path,
        initialize,
        { authorization: `Bearer ${WRITER}`, ...headers },
        server,
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
    expect(stateful.server.sessionCount).toBe(sessions);
  });

  it('answer 404 for a path that is not a toolset path', async () => {
    expect((await post('/mcp/y/things', initialize, { authorization: `Bearer ${WRITER}` })).status).toBe(404);
  });

  it('keep the toolset a session was opened with, whatever later requests say', async () => {
    const opened = await post('/mcp/x/other', initialize, { authorization: `Bearer ${WRITER}` });
    const session = opened.headers.get('mcp-session-id') as string;
    await opened.text();
    const headers = {
      authorization: `Bearer ${WRITER}`,
      'mcp-session-id': session,
      'mcp-protocol-version': '2025-06-18',
    };
    await (await post('/mcp', { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).text();
    const listed = await answer(
      await post(
        '/mcp',
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        { ...headers, 'X-MCP-Toolsets': 'things' },
      ),
    );
    expect(listed.result?.tools?.map((t) => t.name)).toEqual(['get_other']);
  });

  it('stateless: each request carries its toolset', async () => {
    const list = async (headers: Record<string, string>) =>
      (
        await answer(
          await post(
            '/mcp',
            { jsonrpc: '2.0', id: 3, method: 'tools/list' },
            { authorization: `Bearer ${WRITER}`, 'mcp-protocol-version': '2025-06-18', ...headers },
            stateless.server,
          ),
        )
      ).result?.tools?.map((t) => t.name);
    expect(await list({ 'X-MCP-Tools': 'get_other' })).toEqual(['get_other']);
    expect((await list({})) ?? []).toHaveLength(5);
    expect(await names(await connect('/mcp/readonly', WRITER, {}, stateless.server))).toEqual([
      'fail_thing',
      'get_other',
      'list_things',
    ]);
  });
});
