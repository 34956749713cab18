import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { createHost, type Host } from '../host/createHost.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import { type HttpRoute, type RunningRouteServer, serveRoute, startRouteServer } from './routes.js';

const ROUTE_TOKEN = 'metrics-scrape-token-0123456789';
const logger = createLogger({ level: 'error', format: 'json', sink: memorySink() });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function send(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const hello = (bearerToken?: string): HttpRoute => ({
  path: '/metrics',
  tokenSetting: 'telemetry.metrics.authToken',
  bearerToken,
  handle(_req, res) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello 1\n');
  },
});

async function hostWith(routes: readonly HttpRoute[], server: Record<string, unknown> = {}): Promise<string> {
  const host: Host = await createHost({
    config: parseConfig({ packs: [], server: { transport: 'http', port: 0, ...server } }),
    packs: [{ specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack }],
    client: fakeClient(),
    logger,
    parts: { httpRoutes: () => routes },
  });
  closers.push(() => host.close());
  const running = await host.serve();
  return running.url!.replace(/\/mcp$/, '');
}

describe('operational routes on the MCP listener', () => {
  it('serves a loopback client without a token, and still serves MCP and /healthz', async () => {
    const base = await hostWith([hello()]);
    expect(await send(`${base}/metrics`)).toMatchObject({ status: 200, body: 'hello 1\n' });
    expect((await send(`${base}/healthz`)).status).toBe(200);
    expect((await send(`${base}/mcp`, { method: 'GET' })).status).toBe(400);
  });

  it('asks for the route token when one is set, and refuses the MCP token in its place', async () => {
    const base = await hostWith([hello(ROUTE_TOKEN)], { authToken: 'mcp-bearer-token-0123456789' });
    const missing = await send(`${base}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="mcp-panther"');
    expect(missing.body).toContain('telemetry.metrics.authToken');
    expect(missing.body).not.toContain(ROUTE_TOKEN);
    const mcpToken = await send(`${base}/metrics`, {
      headers: { authorization: 'Bearer mcp-bearer-token-0123456789' },
    });
    expect(mcpToken.status).toBe(401);
    const ok = await send(`${base}/metrics`, { headers: { authorization: `Bearer ${ROUTE_TOKEN}` } });
    expect(ok).toMatchObject({ status: 200, body: 'hello 1\n' });
  });

  it('applies the Host and Origin checks and answers only GET and HEAD', async () => {
    const base = await hostWith([hello()]);
    expect((await send(`${base}/metrics`, { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await send(`${base}/metrics`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const post = await send(`${base}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    expect((await send(`${base}/metrics`, { method: 'HEAD' })).status).toBe(200);
  });

  it('refuses a route on the MCP path', async () => {
    await expect(hostWith([{ ...hello(), path: '/mcp/' }])).rejects.toThrow(
      '/mcp/ is already served on this listener',
    );
  });
});

describe('serveRoute', () => {
  it('refuses a client from beyond loopback when the route has no token, naming the setting', async () => {
    const server = createServer((req, res) => {
      // The peer as a reverse proxy on another machine would appear.
      Object.defineProperty(req.socket, 'remoteAddress', { value: '203.0.113.7', configurable: true });
      void serveRoute(hello(), req, res, {
        bindHost: '127.0.0.1',
        allowedHosts: [],
        allowedOrigins: [],
        logger,
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const refused = await send(`http://127.0.0.1:${port}/metrics`);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('loopback clients only; set telemetry.metrics.authToken');
  });
});

describe('startRouteServer', () => {
  it('serves its routes on a port of its own and 404 elsewhere', async () => {
    const running: RunningRouteServer = await startRouteServer({
      host: '127.0.0.1',
      port: 0,
      routes: [hello()],
      allowedHosts: [],
      logger,
    });
    closers.push(() => running.close());
    expect((await send(`${running.url}/metrics`)).body).toBe('hello 1\n');
    expect((await send(`${running.url}/mcp`)).status).toBe(404);
  });

  it('refuses to listen beyond loopback for a route without a token', async () => {
    await expect(
      startRouteServer({ host: '0.0.0.0', port: 0, routes: [hello()], allowedHosts: [], logger }),
    ).rejects.toThrow(
      'Refusing to serve /metrics on 0.0.0.0 without a token: set telemetry.metrics.authToken',
    );
  });
});
