import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy passed on. */
export interface ProxiedRequest {
  /** Milliseconds on the proxy's monotonic clock (`performance.now()`) when the request arrived. */
  readonly at: number;
  /** Index of the target it went to. */
  readonly target: number;
  readonly method: string;
  /** Path and query. */
  readonly url: string;
}

export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every request passed on, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that sends each request to the next of `targets` in turn (one target: a counting
 * proxy in front of a Panther; several: a load balancer in front of replicas) and records it. Request bodies
 * are read whole (they are small); answers stream (server-sent events included). The Host header names the
 * target, as a load balancer's would.
 */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  if (targets.length === 0) throw new Error('startRoundRobinProxy: give at least one target URL');
  const bases = targets.map((target) => new URL(target));
  const agent = new Agent({ keepAlive: true });
  const requests: ProxiedRequest[] = [];
  let next = 0;

  const send = (base: URL, req: IncomingMessage, body: Buffer, res: ServerResponse, retries: number) => {
    const upstream = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: base.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the target closed just as it was reused (the target never read the request):
      // send it again, as Node's documentation advises and a load balancer does.
      if (retries > 0 && upstream.reusedSocket && error.code === 'ECONNRESET' && !res.headersSent) {
        send(base, req, body, res, retries - 1);
        return;
      }
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bad gateway: ${error.code ?? error.message}`);
    });
    // A client that goes away (an aborted call) cancels the request it made.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.end(body);
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const target = next;
    next = (next + 1) % bases.length;
    requests.push({ at: performance.now(), target, method: req.method ?? 'GET', url: req.url ?? '/' });
    // Bodies here are small JSON-RPC messages: read whole, so a request can be sent again.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => send(bases[target]!, req, Buffer.concat(chunks), res, 3));
  };

  const server = createServer(forward);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
