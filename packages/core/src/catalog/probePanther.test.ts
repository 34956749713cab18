import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPantherClient } from '@mcp-panther/client';
import { afterEach, describe, expect, it } from 'vitest';
import { probePanther } from './probePanther.js';

const TOKEN = 'probe-test-token-value';
const servers: Server[] = [];

/** A server on 127.0.0.1 answering every request with `answer`; the URL of its REST base. */
async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(answer);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function probe(rest: string) {
  const client = createPantherClient({
    urls: { rest, graphql: `${rest}/public/graphql` },
    token: TOKEN,
    maxRetries: 0,
  });
  try {
    return await probePanther(client, { timeoutMs: 2_000 });
  } finally {
    await client.close();
  }
}

const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('probePanther', () => {
  it('is ok with the permissions when Panther answers as Panther', async () => {
    const found = await probe(await serve(json(200, { id: 't1', name: 'ci', permissions: ['AlertRead'] })));
    expect(found.state).toBe('ok');
    expect([...(found.permissions ?? [])]).toEqual(['AlertRead']);
    expect(found.token).toEqual({ id: 't1', name: 'ci' });
  });

  it('is rejected on 401, naming the status and never the token', async () => {
    const found = await probe(await serve(json(401, { message: `unknown key ${TOKEN}` })));
    expect(found.state).toBe('rejected');
    expect(found.detail).toMatch(/^Panther rejected the API token \(HTTP 401\): unknown key/);
    expect(found.detail).not.toContain(TOKEN);
  });

  it('is ok on 403: Panther knew the token, which may not read itself', async () => {
    const found = await probe(await serve(json(403, { message: 'forbidden' })));
    expect(found.state).toBe('ok');
    expect(found.permissions).toBeUndefined();
  });

  it('is not-panther for a web page, a redirect or a 404', async () => {
    const page = await probe(
      await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>Welcome</title>');
      }),
    );
    expect(page.state).toBe('not-panther');
    expect(page.detail).toContain('HTTP 200 (a web page, not JSON)');
    const redirect = await probe(
      await serve((_req, res) => {
        res.writeHead(302, { location: '/login' });
        res.end();
      }),
    );
    expect(redirect).toMatchObject({ state: 'not-panther', detail: expect.stringContaining('HTTP 302') });
    const missing = await probe(
      await serve((_req, res) => {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html>Not Found</html>');
      }),
    );
    expect(missing.detail).toBe(
      'this URL is not a Panther API: GET /api-tokens/self answered HTTP 404 (a web page, not JSON)',
    );
  });

  it('is unreachable when nothing answers or Panther fails (5xx)', async () => {
    const closed = await serve(() => {});
    for (const server of servers.splice(0)) server.close();
    expect((await probe(closed)).state).toBe('unreachable');
    expect((await probe(await serve(json(503, { message: 'down' })))).state).toBe('unreachable');
  });
});
