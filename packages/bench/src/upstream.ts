/**
 * A fake Panther upstream with a fixed latency, so that the host and the bare SDK server make the same
 * upstream call and the difference between them is the host's own cost.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PANTHER_PERMISSIONS } from '@mcp-panther/client';

export interface FixedLatencyUpstream {
  readonly url: string;
  readonly token: string;
  /** Requests received, by `METHOD path-without-ids`. */
  readonly counts: Map<string, number>;
  total(): number;
  reset(): void;
  close(): Promise<void>;
}

function alert(id: string): Record<string, unknown> {
  return {
    id,
    type: 'RULE',
    title: 'Console login without MFA',
    severity: 'HIGH',
    status: 'OPEN',
    createdAt: '2026-11-20T10:00:00Z',
    firstEventOccurredAt: '2026-11-20T09:59:00Z',
    lastReceivedEventAt: '2026-11-20T10:00:00Z',
    eventCount: 3,
    detection: { id: 'AWS.Console.LoginWithoutMFA', type: 'RULE' },
    assignee: null,
    runbook: 'Confirm the login with the user.',
    deliveries: [],
  };
}

function routeKey(req: IncomingMessage): string {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  return `${req.method} ${path.replace(/\/alerts\/[^/]+/, '/alerts/{id}')}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export async function startFixedLatencyUpstream(latencyMs: number): Promise<FixedLatencyUpstream> {
  const token = 'bench-token-0123456789abcdef';
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const key = routeKey(req);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        if (req.headers['x-api-key'] !== token) return send(res, 401, { message: 'invalid API key' });
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        if (req.method === 'GET' && path === '/api-tokens/self') {
          return send(res, 200, { id: 'bench', name: 'bench', permissions: PANTHER_PERMISSIONS });
        }
        const match = /^\/alerts\/([^/]+)$/.exec(path);
        if (req.method === 'GET' && match?.[1]) return send(res, 200, alert(decodeURIComponent(match[1])));
        if (req.method === 'GET' && path === '/alerts')
          return send(res, 200, { results: [alert('a1')], next: null });
        if (req.method === 'POST' && path.endsWith('/public/graphql')) return send(res, 200, { data: {} });
        return send(res, 404, { message: `no route ${req.method} ${path}` });
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
