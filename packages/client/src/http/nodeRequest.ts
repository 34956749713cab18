import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { declaresMoreThan, limitResponse, responseTooLarge } from './boundedBody.js';

/** What the client reads from an HTTP answer: the status, a header, the body as text. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface HttpRequestInit {
  readonly method?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: string | null | undefined;
  readonly signal?: AbortSignal | undefined;
  /** `manual` (the default here): a redirect is the answer. `follow`: up to 20 redirects, as fetch. */
  readonly redirect?: 'manual' | 'follow' | undefined;
  /**
   * Largest body read, after decompression; past it the connection is closed and the exchange fails with
   * RESPONSE_TOO_LARGE. Default: no limit.
   */
  readonly maxBodyBytes?: number | undefined;
}

/**
 * One HTTP exchange; rejects on a network failure (the error carries `code`), with the signal's reason, or with
 * RESPONSE_TOO_LARGE.
 */
export type HttpRequester = (url: string, init: HttpRequestInit) => Promise<HttpAnswer>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
// Idle keep-alive sockets are closed before a typical server's 5 s keep-alive timeout, so a request rarely
// meets a socket the server is closing (undici's default is 4 s too). A `Keep-Alive: timeout=N` hint from the
// server shortens it further.
const IDLE_SOCKET_MS = 4_000;

function headerGetter(headers: IncomingHttpHeaders): HttpAnswer['headers'] {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : String(value);
    },
  };
}

function decoded(res: IncomingMessage): Readable {
  switch (res.headers['content-encoding']?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

/**
 * HTTP(S) on node:http with keep-alive agents: what the client uses when no proxy is set. It is part of the
 * runtime already loaded (fetch is not: Node loads it on first use, tens of milliseconds at start-up), and it
 * costs less per request than fetch. Bodies are decompressed and buffered (Panther answers are JSON), up to
 * `maxBodyBytes`.
 * `close()` ends the keep-alive connections.
 */
export function createNodeRequester(): { request: HttpRequester; close(): void } {
  let httpAgent: http.Agent | undefined;
  let https: typeof import('node:https') | undefined;
  let httpsAgent: import('node:https').Agent | undefined;

  const exchange = async (
    url: URL,
    method: string,
    init: HttpRequestInit,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> => {
    const secure = url.protocol === 'https:';
    if (secure && https === undefined) https = await import('node:https');
    let agent: http.Agent;
    if (secure) {
      httpsAgent ??= new https!.Agent({ keepAlive: true, noDelay: true, timeout: IDLE_SOCKET_MS });
      agent = httpsAgent;
    } else {
      httpAgent ??= new http.Agent({ keepAlive: true, noDelay: true, timeout: IDLE_SOCKET_MS });
      agent = httpAgent;
    }
    const { signal } = init;
    signal?.throwIfAborted();
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...init.headers };
    const body = method === 'GET' || method === 'HEAD' ? undefined : (init.body ?? undefined);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (
        error: unknown,
        value?: { status: number; headers: IncomingHttpHeaders; body: string },
      ) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error !== undefined) reject(signal?.aborted ? signal.reason : error);
        else resolve(value!);
      };
      const { maxBodyBytes = Number.POSITIVE_INFINITY } = init;
      const request = (secure ? https! : http).request(url, { method, headers, agent }, (res) => {
        const tooLarge = () => {
          finish(responseTooLarge(maxBodyBytes, res.statusCode));
          // Closing the connection is the only way to stop an HTTP/1.1 body; the socket is not reused.
          request.destroy();
        };
        if (declaresMoreThan(res.headers['content-length'], maxBodyBytes)) {
          tooLarge();
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        const stream = decoded(res);
        stream.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBodyBytes) {
            chunks.length = 0;
            stream.destroy();
            tooLarge();
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () =>
          finish(undefined, {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        stream.on('error', (error) => finish(error));
        res.on('error', (error) => finish(error));
        res.on('close', () => {
          if (!res.complete)
            finish(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' }));
        });
      });
      // Destroying the request closes its connection, so Panther sees the cancellation.
      const onAbort = () => request.destroy(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => finish(error));
      request.end(body);
    });
  };

  const request: HttpRequester = async (input, init) => {
    let url = new URL(input);
    let method = (init.method ?? 'GET').toUpperCase();
    for (let redirects = 0; ; redirects++) {
      const answer = await exchange(url, method, init);
      const location = answer.headers['location'];
      if (init.redirect === 'follow' && REDIRECTS.has(answer.status) && typeof location === 'string') {
        if (redirects >= MAX_REDIRECTS)
          throw Object.assign(new Error('too many redirects'), { code: 'EREDIRECT' });
        url = new URL(location, url);
        if (
          answer.status === 303 ||
          ((answer.status === 301 || answer.status === 302) && method === 'POST')
        ) {
          method = 'GET';
        }
        continue;
      }
      return { status: answer.status, headers: headerGetter(answer.headers), text: async () => answer.body };
    }
  };

  return {
    request,
    close() {
      httpAgent?.destroy();
      httpsAgent?.destroy();
    },
  };
}

/** The same interface over a fetch (a given one, or undici's through a proxy). */
export function requesterFromFetch(fetch: typeof globalThis.fetch): HttpRequester {
  return async (url, init) => {
    const fetched = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers ?? {},
      body: init.body ?? null,
      redirect: init.redirect ?? 'manual',
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const response = init.maxBodyBytes === undefined ? fetched : limitResponse(fetched, init.maxBodyBytes);
    return { status: response.status, headers: response.headers, text: () => response.text() };
  };
}
