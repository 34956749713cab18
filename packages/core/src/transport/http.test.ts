import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { createHost, type Host } from '../host/createHost.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import { INITIALIZE } from '../testdata/rawMcp.js';
import type { RunningHttpServer } from './http.js';
import { assertSafeBinding, bearerMatches, hostAllowed, isLoopbackHost, originAllowed } from './security.js';

const TOKEN = 'http-bearer-token-0123456789';
let host: Host | undefined;
let server: RunningHttpServer | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  server = undefined;
});

async function start(serverConfig: Record<string, unknown>): Promise<RunningHttpServer> {
  const config = parseConfig({ packs: [], server: { transport: 'http', port: 0, ...serverConfig } });
  host = await createHost({
    config,
    packs: [{ specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack }],
    client: fakeClient(),
    logger: createLogger({ level: 'error', format: 'json', sink: memorySink() }),
  });
  server = await host.listen();
  return server;
}

/** A raw request, so that tests control Host, Origin and Authorization exactly. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

const initialize = INITIALIZE;
const mcpHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('security helpers', () => {
  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', 'example.com', '::'].some(isLoopbackHost)).toBe(false);
  });
  it('refuses non-loopback binding without a token', () => {
    expect(() => assertSafeBinding('0.0.0.0', false)).toThrow(
      /Refusing to serve HTTP on 0\.0\.0\.0 without authentication/,
    );
    expect(() => assertSafeBinding('0.0.0.0', true)).not.toThrow();
    expect(() => assertSafeBinding('127.0.0.1', false)).not.toThrow();
  });
  it('compares bearer tokens exactly', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
  });
  it('allows loopback and listed origins, and loopback or listed hosts', () => {
    expect(originAllowed(undefined, [])).toBe(true);
    expect(originAllowed('http://localhost:5173', [])).toBe(true);
    expect(originAllowed('https://evil.example', [])).toBe(false);
    expect(originAllowed('https://app.example.com/', ['https://app.example.com'])).toBe(true);
    expect(originAllowed('null', [])).toBe(false);
    expect(hostAllowed('127.0.0.1:3000', '127.0.0.1', [])).toBe(true);
    expect(hostAllowed('evil.example:3000', '127.0.0.1', [])).toBe(false);
    expect(hostAllowed('mcp.example.com', '0.0.0.0', ['mcp.example.com'])).toBe(true);
    expect(hostAllowed('other.example.com', '0.0.0.0', ['mcp.example.com'])).toBe(false);
    expect(hostAllowed(undefined, '127.0.0.1', [])).toBe(false);
  });
});

describe('streamable HTTP', () => {
  it('serves MCP sessions at /mcp to a client with the bearer token', async () => {
    const running = await start({ authToken: TOKEN });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = new Client({ name: 't', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(running.url), {
        requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
      }),
    );
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['fail_thing', 'list_things']);
    await client.close();
  });

  it('answers 401 without or with a wrong token, 403 for a foreign Origin or Host, and /healthz without auth', async () => {
    const running = await start({ authToken: TOKEN });
    const none = await send(running.url, { headers: mcpHeaders, body: initialize });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const wrong = await send(running.url, {
      headers: { ...mcpHeaders, authorization: 'Bearer nope' },
      body: initialize,
    });
    expect(wrong.status).toBe(401);
    const origin = await send(running.url, {
      headers: { ...mcpHeaders, authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' },
      body: initialize,
    });
    expect(origin.status).toBe(403);
    expect(origin.body).toContain('Origin not allowed');
    const rebinding = await send(running.url, {
      headers: { ...mcpHeaders, authorization: `Bearer ${TOKEN}`, host: `evil.example:${running.port}` },
      body: initialize,
    });
    expect(rebinding.status).toBe(403);
    const ok = await send(running.url, {
      headers: { ...mcpHeaders, authorization: `Bearer ${TOKEN}`, origin: 'http://localhost:6274' },
      body: initialize,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['mcp-session-id']).toBeTypeOf('string');
    const health = await send(running.url.replace('/mcp', '/healthz'), { method: 'GET' });
    expect(health).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(
      (await send(running.url.replace('/mcp', '/other'), { headers: mcpHeaders, body: {} })).status,
    ).toBe(404);
  });

  it('rejects requests to an unknown session and requests without a session', async () => {
    const running = await start({});
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    expect((await send(running.url, { headers: mcpHeaders, body: list })).status).toBe(400);
    expect(
      (await send(running.url, { headers: { ...mcpHeaders, 'mcp-session-id': 'nope' }, body: list })).status,
    ).toBe(404);
  });

  it('serves each request on its own in stateless mode', async () => {
    const running = await start({ stateless: true });
    const client = new Client({ name: 't', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(running.url));
    await client.connect(transport);
    expect(transport.sessionId).toBeUndefined();
    const result = await client.callTool({ name: 'list_things', arguments: { page_size: 1 } });
    expect(result.structuredContent).toEqual({ things: [{ id: 'a' }], total: 3 });
    await client.close();
  });

  it('refuses to start on 0.0.0.0 without a token', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toMatchObject({ code: 'UNSAFE_CONFIG' });
  });
});
