import { request } from 'node:http';
import type { Sandbox } from '@mcp-panther/sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE } from '../../core/src/testdata/rawMcp.js';
import {
  assertBuilt,
  baseEnv,
  connectHttp,
  killAll,
  runCli,
  startHttp,
  startPanther,
  tempDir,
  writeConfig,
} from './testdata/harness.js';

// End to end over streamable HTTP: the built `mcp-panther` process serving HTTP, the SDK's HTTP client.

const AUTH = 'e2e-bearer-token-abcdef0123456789';
const VIEW_MIME = 'text/html;profile=mcp-app';
/** A client that renders MCP Apps views declares the extension with the view MIME type. */
const UI = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [VIEW_MIME] } } };
const VIEW = 'ui://example-ioc/recent-alerts';

/**
 * An SDK client that states its capabilities in every request's `_meta`, as a stateless (2026-07-28) client
 * does, besides declaring them at initialize.
 */
async function connectStating(url: string, capabilities: ClientCapabilities): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url));
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    if (!('method' in message) || !('id' in message) || message.method === 'initialize') {
      return send(message, options);
    }
    const params = message.params ?? {};
    const _meta = { ...params._meta, 'io.modelcontextprotocol/clientCapabilities': capabilities };
    return send({ ...message, params: { ...params, _meta } }, options);
  };
  const client = new Client({ name: 'e2e-stateless', version: '1.0.0' }, { capabilities });
  await client.connect(transport);
  return client;
}
let panther: Sandbox;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let configFile: string;

beforeAll(async () => {
  assertBuilt();
  panther = await startPanther();
  tmp = await tempDir();
  configFile = await writeConfig(tmp.dir, 'http.config.json', {
    packs: ['example-mcp-panther-pack'],
    server: { transport: 'streamable-http', host: '127.0.0.1', port: 0 },
  });
});
afterEach(async () => {
  await killAll();
});
afterAll(async () => {
  await panther?.close();
  await tmp?.remove();
});

const env = (extra: Record<string, string> = {}) =>
  baseEnv({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: panther.tokens.admin, ...extra });

function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const initialize = INITIALIZE;

describe('mcp-panther over streamable HTTP', () => {
  it('serves the SDK client with the bearer token; 401 without it; 403 for a foreign Origin; /healthz open', async () => {
    const server = await startHttp(['--config', configFile], env({ MCP_HTTP_AUTH_TOKEN: AUTH }));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await connectHttp(server.url, { authorization: `Bearer ${AUTH}` });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['example_count_recent_alerts']);
    const result = await client.callTool({ name: 'example_count_recent_alerts', arguments: { hours: 168 } });
    expect((result.structuredContent as { total: number }).total).toBeGreaterThan(0);
    await client.close();

    await expect(connectHttp(server.url)).rejects.toThrow(/Unauthorized: a valid bearer token is required/);
    expect((await post(server.url, {}, initialize)).status).toBe(401);
    expect((await post(server.url, { authorization: 'Bearer wrong-token' }, initialize)).status).toBe(401);
    const foreign = await post(
      server.url,
      { authorization: `Bearer ${AUTH}`, origin: 'https://evil.example' },
      initialize,
    );
    expect(foreign.status).toBe(403);
    const health = await fetch(server.url.replace(/\/mcp$/, '/healthz'));
    expect(health.status).toBe(200);
    const healthText = await health.text();
    expect(JSON.parse(healthText)).toEqual({ status: 'ok' });
    expect(server.stderr()).not.toContain(AUTH);
    expect(server.stderr()).not.toContain(panther.tokens.admin);
  });

  it('serves stateless HTTP (MCP_HTTP_STATELESS) with --read-write', async () => {
    const server = await startHttp(
      ['--config', configFile, '--read-write'],
      env({ MCP_HTTP_STATELESS: 'true' }),
    );
    const client = await connectHttp(server.url);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual([
      'example_add_ioc_note',
      'example_count_recent_alerts',
    ]);
    await client.close();
  });

  it('stateless: a client without the extension gets byte for byte what a server without views answers', async () => {
    const [views, noViews] = await Promise.all([
      startHttp(['--config', configFile], env({ MCP_HTTP_STATELESS: 'true' })),
      startHttp(['--config', configFile], env({ MCP_HTTP_STATELESS: 'true', MCP_PANTHER_VIEWS: 'false' })),
    ]);
    const requests = [
      { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
      { jsonrpc: '2.0', id: 3, method: 'resources/list', params: {} },
      {
        jsonrpc: '2.0',
        id: 4,
        method: 'tools/call',
        params: { name: 'example_count_recent_alerts', arguments: { hours: 168 } },
      },
    ];
    for (const message of requests) {
      const [served, plain] = await Promise.all([
        post(views.url, {}, message),
        post(noViews.url, {}, message),
      ]);
      expect(served.status, message.method).toBe(200);
      expect(served.body, message.method).toBe(plain.body);
      expect(served.body, message.method).not.toContain('ui://');
    }
    // The SDK's client says what it renders only at initialize, which no later stateless request carries.
    const declaredOnce = await connectHttp(views.url, {}, UI);
    try {
      const [tool] = (await declaredOnce.listTools()).tools;
      expect(tool?.name).toBe('example_count_recent_alerts');
      expect(tool?._meta).toBeUndefined();
      await expect(declaredOnce.readResource({ uri: VIEW })).rejects.toThrow(/not found/);
    } finally {
      await declaredOnce.close();
    }
  });

  it('stateless: a request that states the extension gets the view; views.stateless include serves every client', async () => {
    const [stated, included] = await Promise.all([
      startHttp(['--config', configFile], env({ MCP_HTTP_STATELESS: 'true' })),
      startHttp(
        ['--config', configFile],
        env({ MCP_HTTP_STATELESS: 'true', MCP_HTTP_STATELESS_VIEWS: 'include' }),
      ),
    ]);
    const expectViews = async (client: Client) => {
      const [tool] = (await client.listTools()).tools;
      expect(tool?._meta).toEqual({ ui: { resourceUri: VIEW } });
      const { contents } = await client.readResource({ uri: VIEW });
      const [page] = contents as { mimeType?: string; text?: string }[];
      expect(page?.mimeType).toBe(VIEW_MIME);
      expect(page?.text).toMatch(/^<!doctype html>[\s\S]*<script type="module">/);
      const result = await client.callTool({ name: 'example_count_recent_alerts', arguments: { hours: 1 } });
      expect(result.isError).toBeFalsy();
      expect(result._meta?.['mcp-panther/callable']).toEqual(['example_count_recent_alerts']);
    };
    const clients = [
      await connectStating(stated.url, UI),
      await connectHttp(included.url),
      await connectStating(included.url, {}),
    ];
    try {
      await expectViews(clients[0]!);
      await expectViews(clients[1]!);
      // A request's own capabilities win over the switch: one that states no extension gets no view.
      expect((await clients[2]!.listTools()).tools[0]?._meta).toBeUndefined();
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('refuses to bind 0.0.0.0 without auth', async () => {
    const run = await runCli(['--config', configFile, '--host', '0.0.0.0'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Refusing to serve HTTP on 0.0.0.0 without authentication');
    expect(run.stderr).toContain('[UNSAFE_CONFIG]');
  });
});
