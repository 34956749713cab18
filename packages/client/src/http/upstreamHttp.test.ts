import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor } from '../testdata/harness.js';
import { type FakeUpstream, startFakeUpstream } from '../testing/index.js';
import { createUpstreamHttp, proxySettingsFrom } from './upstreamHttp.js';

/** A forwarding HTTP proxy that records what it was asked to reach (CONNECT tunnels and absolute-form requests). */
async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const forward = httpRequest(target, { method: req.method, headers: req.headers }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    });
    req.pipe(forward);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const tunnel = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      tunnel.write(head);
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    });
    tunnel.on('error', () => socket.destroy());
    socket.on('error', () => tunnel.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let upstream: FakeUpstream | undefined;
let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
afterEach(async () => {
  await upstream?.close();
  await proxy?.close();
});

describe('proxySettingsFrom', () => {
  it('is undefined without a proxy variable, even with NO_PROXY', () => {
    expect(proxySettingsFrom({ NO_PROXY: 'localhost' })).toBeUndefined();
  });
  it('prefers the lower-case variables', () => {
    expect(proxySettingsFrom({ HTTPS_PROXY: 'http://A', https_proxy: 'http://b', no_proxy: 'x' })).toEqual({
      httpProxy: '',
      httpsProxy: 'http://b',
      noProxy: 'x',
    });
  });
});

describe('createUpstreamHttp', () => {
  it('sends requests through HTTP_PROXY', async () => {
    upstream = await startFakeUpstream(() => ({ json: { via: 'upstream' } }));
    proxy = await startProxy();
    const http = createUpstreamHttp({ env: { HTTP_PROXY: proxy.url } });
    expect(http.proxied).toBe(true);
    const response = await http.fetch(`${upstream.url}/rules`);
    expect(await response.json()).toEqual({ via: 'upstream' });
    await http.close();
    const port = new URL(upstream.url).port;
    expect(proxy.seen.some((target) => target.includes(`127.0.0.1:${port}`))).toBe(true);
  });

  it('skips the proxy for hosts in NO_PROXY', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    proxy = await startProxy();
    const http = createUpstreamHttp({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    await (await http.fetch(`${upstream.url}/rules`)).text();
    await http.close();
    expect(proxy.seen).toEqual([]);
    expect(upstream.requests).toHaveLength(1);
  });

  it('is used by the client', async () => {
    upstream = await startFakeUpstream(() => ({ json: { ok: true } }));
    proxy = await startProxy();
    const client = clientFor(upstream, { env: { http_proxy: proxy.url } });
    await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({ ok: true });
    await client.close();
    expect(proxy.seen).toHaveLength(1);
    expect(upstream.requests[0]?.headers['x-api-key']).toBeDefined();
  });
});
