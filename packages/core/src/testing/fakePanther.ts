import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small fake Panther REST API for tests, kept in this one file so that `@mcp-panther/sandbox` can replace it.
 * It serves `GET /api-tokens/self`, `GET /alerts`, `GET /alerts/{id}` and `POST /alert-comments`, checks
 * `X-API-Key` (401) and permissions (403, Panther's `{ "message": … }` shape), and records every call.
 */
export interface FakePanther {
  /** REST base, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly graphqlUrl: string;
  /** Tokens by role: `admin` (every permission), `analyst` (reads only), `noAccess` (none). */
  readonly tokens: { readonly admin: string; readonly analyst: string; readonly noAccess: string };
  readonly calls: readonly { method: string; path: string }[];
  close(): Promise<void>;
}

export interface FakeAlert {
  id: string;
  title: string;
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFO';
  status: 'OPEN' | 'TRIAGED' | 'CLOSED' | 'RESOLVED';
  createdAt: string;
}

const READ = [
  'AlertRead',
  'DataAnalyticsRead',
  'RuleRead',
  'PolicyRead',
  'LogSourceRead',
  'UserRead',
  'SummaryRead',
];
const ALL = [
  ...READ,
  'AlertModify',
  'RuleModify',
  'PolicyModify',
  'OrganizationAPITokenRead',
  'RunPantherAI',
];

function defaultAlerts(now: number): FakeAlert[] {
  const severities: FakeAlert['severity'][] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
  return Array.from({ length: 12 }, (_, i) => ({
    id: `alert-${String(i + 1).padStart(3, '0')}`,
    title: `Suspicious activity #${i + 1}`,
    severity: severities[i % severities.length]!,
    status: i % 4 === 0 ? 'RESOLVED' : 'OPEN',
    createdAt: new Date(now - i * 3_600_000).toISOString(),
  }));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startFakePanther(options: { alerts?: FakeAlert[] } = {}): Promise<FakePanther> {
  const tokens = {
    admin: `fake-admin-${randomUUID()}`,
    analyst: `fake-analyst-${randomUUID()}`,
    noAccess: `fake-none-${randomUUID()}`,
  };
  const permissions = new Map<string, string[]>([
    [tokens.admin, ALL],
    [tokens.analyst, READ],
    [tokens.noAccess, []],
  ]);
  const names = new Map([
    [tokens.admin, 'admin'],
    [tokens.analyst, 'analyst'],
    [tokens.noAccess, 'noAccess'],
  ]);
  const alerts = options.alerts ?? defaultAlerts(Date.now());
  const comments: { id: string; alertId: string; body: string }[] = [];
  const calls: { method: string; path: string }[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname.replace(/^\/v1(?=\/)/, '');
      calls.push({ method: req.method ?? 'GET', path });
      const key = req.headers['x-api-key'];
      const granted = typeof key === 'string' ? permissions.get(key) : undefined;
      if (!granted) return send(res, 401, { message: 'Unauthorized: invalid API key' });
      const need = (permission: string): boolean => {
        if (granted.includes(permission)) return true;
        send(res, 403, { message: `forbidden: the token lacks ${permission}` });
        return false;
      };
      if (req.method === 'GET' && path === '/api-tokens/self') {
        return send(res, 200, {
          id: `token-${names.get(key as string)}`,
          name: names.get(key as string),
          permissions: granted,
        });
      }
      if (req.method === 'GET' && path === '/alerts') {
        if (!need('AlertRead')) return;
        const severities = url.searchParams.getAll('severity');
        const since = url.searchParams.get('created-after');
        const limit = Number(url.searchParams.get('limit') ?? '25');
        const results = alerts
          .filter((a) => severities.length === 0 || severities.includes(a.severity))
          .filter((a) => !since || a.createdAt >= since)
          .slice(0, limit);
        return send(res, 200, { results, next: null });
      }
      const one = /^\/alerts\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && one) {
        if (!need('AlertRead')) return;
        const alert = alerts.find((a) => a.id === decodeURIComponent(one[1]!));
        return alert ? send(res, 200, alert) : send(res, 404, { message: 'alert not found' });
      }
      if (req.method === 'POST' && path === '/alert-comments') {
        if (!need('AlertModify')) return;
        const input = (await body(req)) as { alertId?: string; body?: string } | undefined;
        if (!input?.alertId || !alerts.some((a) => a.id === input.alertId)) {
          return send(res, 400, { message: 'alertId must name an existing alert' });
        }
        const comment = { id: randomUUID(), alertId: input.alertId, body: String(input.body ?? '') };
        comments.push(comment);
        return send(res, 200, comment);
      }
      return send(res, 404, { message: `no route ${req.method} ${path}` });
    })().catch(() => send(res, 500, { message: 'internal error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    graphqlUrl: `${url}/public/graphql`,
    tokens,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
