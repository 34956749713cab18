import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake upstream saw it. */
export interface FakeRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly bodyText: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly body: unknown;
  /** For GraphQL posts: the document, variables and operation name. */
  readonly graphql:
    | { query: string; variables?: Record<string, unknown>; operationName?: string }
    | undefined;
}

export interface FakeResponse {
  /** Default 200. */
  status?: number;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent verbatim (ignored when `json` is given). */
  body?: string;
  headers?: Record<string, string>;
}

export interface FakeContext {
  /** The raw response, for handlers that answer by hand. */
  readonly res: ServerResponse;
  /** Fires when the client goes away before the answer was sent. */
  readonly signal: AbortSignal;
}

/** Returns the answer, or undefined after answering through `context.res` (or when the client went away). */
export type FakeHandler = (
  request: FakeRequest,
  context: FakeContext,
) => FakeResponse | undefined | Promise<FakeResponse | undefined>;

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly FakeRequest[];
  /** Requests being handled now, and the most seen at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Requests whose connection closed before the answer was complete (client aborts and timeouts). */
  readonly closedEarly: number;
  setHandler(handler: FakeHandler): void;
  /** Stops listening and drops open connections; safe to call twice. */
  close(): Promise<void>;
}

/** A Panther stand-in on 127.0.0.1 with a random port, for tests. */
export async function startFakeUpstream(handler: FakeHandler): Promise<FakeUpstream> {
  let current = handler;
  const requests: FakeRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let closedEarly = 0;
  let closing: Promise<void> | undefined;

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const controller = new AbortController();
    res.on('close', () => {
      inFlight -= 1;
      if (!res.writableFinished) {
        closedEarly += 1;
        controller.abort();
      }
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bodyText = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = parseJson(bodyText);
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        bodyText,
        body,
        graphql: graphqlPayload(body),
      };
      requests.push(request);
      Promise.resolve()
        .then(() => current(request, { res, signal: controller.signal }))
        .then(
          (answer) => send(res, answer),
          (error: unknown) =>
            send(res, { status: 500, json: { message: `fake upstream handler threw: ${error}` } }),
        );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get closedEarly() {
      return closedEarly;
    },
    setHandler(next) {
      current = next;
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Resolves when `signal` fires: for handlers that never answer. */
export function untilAborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}

/** Polls `condition` every 5 ms until it holds; rejects after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function send(res: ServerResponse, answer: FakeResponse | undefined): void {
  // A handler that answered by hand may still be writing (or may leave the answer open on purpose).
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  if (answer === undefined) {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: 'fake upstream handler returned no answer' }));
    return;
  }
  const headers: Record<string, string> = { ...answer.headers };
  let body = answer.body ?? '';
  if (answer.json !== undefined) {
    body = JSON.stringify(answer.json);
    headers['Content-Type'] ??= 'application/json';
  }
  res.writeHead(answer.status ?? 200, headers);
  res.end(body);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function graphqlPayload(body: unknown): FakeRequest['graphql'] {
  if (typeof body !== 'object' || body === null) return undefined;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  return {
    query,
    ...(typeof variables === 'object' && variables !== null
      ? { variables: variables as Record<string, unknown> }
      : {}),
    ...(typeof operationName === 'string' ? { operationName } : {}),
  };
}
