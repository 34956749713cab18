/** Test helpers (not built): a started sandbox and small HTTP helpers. */
import { startSandbox } from '../startSandbox.js';
import type { Sandbox, SandboxOptions, SandboxTokenName } from '../types.js';

export interface TestSandbox extends Sandbox {
  rest(
    path: string,
    init?: { token?: SandboxTokenName | null; method?: string; body?: unknown },
  ): Promise<RestAnswer>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: SandboxTokenName,
  ): Promise<{ data?: T; errors?: { message: string; path?: string[]; extensions?: { code?: string } }[] }>;
}

export interface RestAnswer {
  status: number;
  contentType: string | null;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  json: any;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ events: 3000, ...options });
  return Object.assign(sandbox, {
    async rest(
      path: string,
      init: { token?: SandboxTokenName | null; method?: string; body?: unknown } = {},
    ) {
      const headers: Record<string, string> = {};
      const token = init.token === undefined ? 'admin' : init.token;
      if (token !== null) headers['X-API-Key'] = sandbox.tokens[token];
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`${sandbox.url}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        text,
        json: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
    },
    async gql(query: string, variables: Record<string, unknown> = {}, token: SandboxTokenName = 'admin') {
      const response = await fetch(sandbox.graphqlUrl, {
        method: 'POST',
        headers: { 'X-API-Key': sandbox.tokens[token], 'Content-Type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
  });
}

/** Follows `next` cursors to the end; returns every result. */
export async function collectPages(sandbox: TestSandbox, path: string, maxPages = 100): Promise<unknown[]> {
  const out: unknown[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const answer = await sandbox.rest(
      cursor === null ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`,
    );
    if (answer.status !== 200) throw new Error(`${path}: HTTP ${answer.status} ${answer.text}`);
    out.push(...(answer.json.results as unknown[]));
    cursor = answer.json.next ?? null;
    if (cursor === null) return out;
    if (cursor === '') throw new Error('next must never be ""');
  }
  throw new Error(`${path}: more than ${maxPages} pages`);
}
