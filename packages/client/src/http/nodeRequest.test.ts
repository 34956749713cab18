import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeRequester } from './nodeRequest.js';

let server: Server | undefined;
const requester = createNodeRequester();
afterEach(async () => {
  requester.close();
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createNodeRequester', () => {
  it('sends method, headers and body, and reads status, headers and text', async () => {
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        res.writeHead(201, {
          'content-type': 'application/json',
          'x-seen': String(req.headers['x-api-key']),
        });
        res.end(JSON.stringify({ method: req.method, body }));
      });
    });
    const answer = await requester.request(`${url}/alerts`, {
      method: 'POST',
      headers: { 'X-API-Key': 'k' },
      body: '{"a":1}',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('X-Seen')).toBe('k');
    expect(answer.headers.get('missing')).toBeNull();
    expect(JSON.parse(await answer.text())).toEqual({ method: 'POST', body: '{"a":1}' });
  });

  it('decompresses gzip and brotli answers', async () => {
    const json = JSON.stringify({ ok: true, text: 'x'.repeat(1000) });
    const url = await serve((req, res) => {
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(gzipSync(json));
      } else {
        res.writeHead(200, { 'content-encoding': 'br' });
        res.end(brotliCompressSync(json));
      }
    });
    expect(await (await requester.request(`${url}/gzip`, {})).text()).toBe(json);
    expect(await (await requester.request(`${url}/br`, {})).text()).toBe(json);
  });

  it('returns a redirect as the answer unless asked to follow it', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/old') {
        res.writeHead(302, { location: '/new' });
        res.end();
      } else {
        res.writeHead(200);
        res.end('landed');
      }
    });
    expect((await requester.request(`${url}/old`, {})).status).toBe(302);
    const followed = await requester.request(`${url}/old`, { redirect: 'follow' });
    expect(followed.status).toBe(200);
    expect(await followed.text()).toBe('landed');
  });

  it('fails with the error code when nothing listens', async () => {
    const url = await serve(() => {});
    const closed = url;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(requester.request(`${closed}/x`, {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects with the signal reason and closes the connection when aborted', async () => {
    let closedEarly = false;
    let arrived: () => void = () => {};
    const received = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const url = await serve((req) => {
      req.socket.on('close', () => {
        closedEarly = true;
      });
      arrived();
    });
    const controller = new AbortController();
    const pending = requester.request(`${url}/hang`, { signal: controller.signal });
    pending.catch(() => {});
    // Aborted once the server holds the request, so that its connection is the one that must close.
    await received;
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect.poll(() => closedEarly).toBe(true);
  });
});
