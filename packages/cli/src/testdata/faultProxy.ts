import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A proxy on 127.0.0.1 in front of the sandbox that answers with a chosen upstream fault, so tests can point the
 * real server at a misbehaving Panther. With no fault it forwards requests unchanged.
 */
export type Fault =
  /** Forward unchanged. */
  | { readonly kind: 'pass' }
  /** Answer this status (5xx, 429, 401, 403 …) with a JSON body; `body` may hold anything. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: string;
      readonly headers?: Record<string, string>;
    }
  /** Read the request and never answer. */
  | { readonly kind: 'hang' }
  /** Reset the connection as soon as the request arrives. */
  | { readonly kind: 'reset' }
  /** 200 with a JSON body cut in the middle. */
  | { readonly kind: 'malformed-json' }
  /** 200 with an HTML page (a proxy's login or error page). */
  | { readonly kind: 'html' }
  /**
   * 200 with a body of about `bytes` bytes: not JSON at all, or JSON holding one huge string; with `field`, the
   * real answer with every `field` (at any depth) replaced by that string.
   */
  | { readonly kind: 'huge'; readonly bytes: number; readonly json: boolean; readonly field?: string }
  /** 200 and a JSON body sent one byte every `intervalMs`. */
  | { readonly kind: 'drip'; readonly intervalMs: number }
  /** Forward, then put the API key the request carried into every string of the 200 answer. */
  | { readonly kind: 'echo-key' };

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
}

/** What the proxy saw: the request, its body (the first 64 KiB, as text) and the status it answered. */
export interface SeenRequest extends ProxiedRequest {
  readonly body: string;
  status?: number;
}

export interface FaultProxy {
  readonly url: string;
  /** Every request received, in order. */
  readonly seen: SeenRequest[];
  /** Applies `fault` to requests that `match` (default: every request); later calls replace it. */
  set(fault: Fault, match?: (request: ProxiedRequest) => boolean): void;
  close(): Promise<void>;
}

const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) out[name] = value;
  }
  return out;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

/** Puts `key` into every string of a JSON value (and at the top, when it is an object). */
function echo(value: unknown, key: string): unknown {
  if (typeof value === 'string') return `${value} ${key}`;
  if (Array.isArray(value)) return value.map((item) => echo(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, echo(v, key)]));
  }
  return value;
}

/** Replaces the value of every `field` in a JSON value. */
function replaceField(value: unknown, field: string, replacement: string): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceField(item, field, replacement));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === field ? replacement : replaceField(v, field, replacement),
      ]),
    );
  }
  return value;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let fault: Fault = { kind: 'pass' };
  let match: (request: ProxiedRequest) => boolean = () => true;
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  async function forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...forwardHeaders(req.headers), 'content-length': String(body.length) },
        },
        (answer) => {
          readAll(answer).then(
            (data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }),
            reject,
          );
        },
      );
      out.once('error', reject);
      out.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const proxied: ProxiedRequest = { method: req.method ?? 'GET', path: url.pathname };
    const body = await readAll(req);
    const record: SeenRequest = { ...proxied, body: body.subarray(0, 65_536).toString('utf8') };
    seen.push(record);
    res.once('finish', () => {
      record.status = res.statusCode;
    });
    const active: Fault = match(proxied) ? fault : { kind: 'pass' };
    switch (active.kind) {
      case 'pass': {
        const answer = await forward(req, body);
        res.writeHead(answer.status, forwardHeaders(answer.headers));
        res.end(answer.body);
        return;
      }
      case 'status':
        res.writeHead(active.status, { 'content-type': 'application/json', ...active.headers });
        res.end(active.body ?? JSON.stringify({ message: `injected ${active.status}` }));
        return;
      case 'hang':
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'malformed-json':
        return send(res, 200, 'application/json', '{"results": [{"id": "a1", "title": "cut');
      case 'html':
        return send(res, 200, 'text/html', '<!doctype html><html><body><h1>Sign in</h1></body></html>');
      case 'huge': {
        const filler = 'x'.repeat(Math.max(0, active.bytes - 64));
        if (active.json && active.field !== undefined) {
          const answer = await forward(req, body);
          const replaced = replaceField(
            JSON.parse(answer.body.toString('utf8')) as unknown,
            active.field,
            filler,
          );
          return send(res, answer.status, 'application/json', JSON.stringify(replaced));
        }
        // Built by concatenation: one copy of the filler, however large.
        const text = active.json
          ? `{"results":[{"id":"huge","name":"${filler}"}],"data":null}`
          : `<html>${filler}</html>`;
        return send(res, 200, active.json ? 'application/json' : 'text/html', text);
      }
      case 'drip': {
        const text = Buffer.from('{"results": [], "next": null, "data": null}');
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': text.length });
        let at = 0;
        const timer = setInterval(() => {
          if (res.destroyed || at >= text.length) {
            clearInterval(timer);
            timers.delete(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(text.subarray(at, at + 1));
          at++;
        }, active.intervalMs);
        timers.add(timer);
        return;
      }
      case 'echo-key': {
        const key = String(req.headers['x-api-key'] ?? '');
        const answer = await forward(req, body);
        const type = String(answer.headers['content-type'] ?? '');
        if (answer.status !== 200 || !type.includes('json') || answer.body.length === 0) {
          res.writeHead(answer.status, forwardHeaders(answer.headers));
          res.end(answer.body);
          return;
        }
        const parsed = JSON.parse(answer.body.toString('utf8')) as unknown;
        const echoed = echo(parsed, key);
        const withKey =
          typeof echoed === 'object' && echoed !== null && !Array.isArray(echoed)
            ? { apiKey: key, ...echoed }
            : echoed;
        return send(res, 200, 'application/json', JSON.stringify(withKey));
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        send(res, 502, 'application/json', '{"message":"proxy could not reach the sandbox"}');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    set(next, when) {
      fault = next;
      match = when ?? (() => true);
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
