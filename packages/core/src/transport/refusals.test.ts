import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { createHost, type Host } from '../host/createHost.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import type { RunningHttpServer } from './http.js';
import { MAX_BODY_BYTES } from './readBody.js';
import { LINGER_BYTES } from './refuse.js';

// Refusals written before the body is read must reach the client whole, however much it is still sending.

const TOKEN = 'refusal-bearer-token-0123456789';
let host: Host;
let server: RunningHttpServer;

beforeAll(async () => {
  const config = parseConfig({ packs: [], server: { transport: 'http', port: 0, authToken: TOKEN } });
  host = await createHost({
    config,
    packs: [{ specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack }],
    client: fakeClient(),
    logger: createLogger({ level: 'error', format: 'json', sink: memorySink() }),
  });
  server = await host.listen();
});
afterAll(async () => {
  await host.close();
});

interface Answer {
  status?: number;
  body?: string;
  error?: string;
}

/** POSTs `size` bytes in 64 KiB chunks as fast as the socket takes them, reading the answer as it comes. */
function streamPost(
  url: string,
  size: number,
  options: { headers?: Record<string, string>; declareLength?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...options.headers,
    };
    if (options.declareLength) headers['content-length'] = String(size);
    const req = request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    // A write may fail once the server drops the connection past its bound; the answer has arrived by then.
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        const part = size - sent >= chunk.length ? chunk : chunk.subarray(0, size - sent);
        sent += part.length;
        if (!req.write(part)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

/** A client that sends its whole request before it reads a byte of the answer. */
function sendAllThenRead(url: string, size: number, headers: Record<string, string>): Promise<Answer> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let raw = '';
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    socket.on('connect', () => {
      const head = [
        `POST ${pathname} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        'Content-Type: application/json',
        `Content-Length: ${size}`,
        'Connection: close',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n');
      socket.write(head);
      socket.write(Buffer.alloc(size, 0x20), () => {
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          raw += chunk;
        });
        socket.on('end', () => {
          const status = /^HTTP\/1\.1 (\d{3})/.exec(raw);
          resolve({ status: Number(status?.[1] ?? 0), body: raw.slice(raw.indexOf('\r\n\r\n') + 4) });
        });
        socket.end();
      });
    });
  });
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe('early HTTP refusals are delivered whole', () => {
  it.each([
    ['just over the limit', MAX_BODY_BYTES + 1],
    ['five times the limit', 5 * MAX_BODY_BYTES],
    ['past the bound on discarded bytes', LINGER_BYTES + 8 * MAX_BODY_BYTES],
  ])('answers 413 to a streamed body %s', async (_name, size) => {
    const answer = await streamPost(server.url, size, { headers: auth });
    expect(answer).toMatchObject({ status: 413 });
    expect(JSON.parse(answer.body ?? '')).toMatchObject({
      error: { message: `Request body too large: at most ${MAX_BODY_BYTES} bytes are accepted` },
    });
  });

  it('answers 413 to a declared length over the limit', async () => {
    const answer = await streamPost(server.url, 2 * MAX_BODY_BYTES, { headers: auth, declareLength: true });
    expect(answer.status).toBe(413);
  });

  it('answers 413 to a client that sends everything before it reads', async () => {
    const answer = await sendAllThenRead(server.url, 2 * MAX_BODY_BYTES, auth);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Request body too large');
  });

  it.each([
    ['401 without the bearer token', {}, '', 401, 'Unauthorized'],
    ['403 for a foreign Origin', { ...auth, origin: 'https://evil.example' }, '', 403, 'Origin not allowed'],
    ['403 for a foreign Host', { ...auth, host: 'evil.example' }, '', 403, 'Host header not allowed'],
    ['404 off the MCP path', auth, '/elsewhere', 404, 'Not found'],
    ['405 for POST /healthz', auth, '/healthz', 405, 'Method not allowed'],
  ])('answers %s while a large body is still coming', async (_name, headers, path, status, words) => {
    const url = path === '' ? server.url : server.url.replace(/\/mcp$/, path);
    const answer = await streamPost(url, 3 * MAX_BODY_BYTES, { headers });
    expect(answer.status).toBe(status);
    expect(answer.body).toContain(words);
  });

  it('answers 400 for a body that is not JSON, and keeps serving', async () => {
    const bad = await streamPost(server.url, 1000, { headers: auth });
    expect(bad).toMatchObject({ status: 400 });
    expect(bad.body).toContain('Parse error: the body is not JSON');
    const health = await fetch(server.url.replace(/\/mcp$/, '/healthz'));
    expect(health.status).toBe(200);
  });
});
