/**
 * Direct calls to a running sandbox's REST and GraphQL APIs (with the admin token), bypassing the host: the
 * ground truth the bench compares the host's answers with.
 */

type Query = Record<string, string | number | undefined>;

/**
 * Every request on a connection of its own. The sandbox runs in the bench's process, and converting a large data
 * lake result holds that process's event loop for seconds: a poll sent on a kept-alive connection right after such
 * a pause reaches a socket whose keep-alive timeout (5 s) has expired in the same turn of the loop, and the server
 * closes it with the request unread (ECONNRESET). A fresh connection per request is cheap on loopback.
 */
const NO_REUSE = { connection: 'close' } as const;

export interface SandboxApi {
  rest<T>(path: string, query?: Query): Promise<T>;
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Runs SQL through the data lake API and returns the rows of its first page. */
  sql(sql: string, databaseName?: string): Promise<Record<string, unknown>[]>;
}

export const EXECUTE =
  'mutation Run($input: ExecuteDataLakeQueryInput!) { executeDataLakeQuery(input: $input) { id } }';
const POLL =
  'query Poll($id: ID!) { dataLakeQuery(id: $id) { status message results(input: { pageSize: 999 }) { edges { node } } } }';

export async function graphqlCall<T = Record<string, unknown>>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...NO_REUSE, 'content-type': 'application/json', 'x-api-key': token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data ?? ({} as T);
}

export function sandboxApi(sandbox: { url: string; graphqlUrl: string; token: string }): SandboxApi {
  const graphql = <T>(query: string, variables?: Record<string, unknown>) =>
    graphqlCall<T>(sandbox.graphqlUrl, sandbox.token, query, variables);
  return {
    async rest<T>(path: string, query: Query = {}): Promise<T> {
      const url = new URL(sandbox.url.replace(/\/+$/, '') + path);
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      const res = await fetch(url, { headers: { ...NO_REUSE, 'x-api-key': sandbox.token } });
      if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
      return (await res.json()) as T;
    },
    graphql,
    async sql(sql: string, databaseName = 'panther_logs.public') {
      const run = await graphql<{ executeDataLakeQuery: { id: string } }>(EXECUTE, {
        input: { sql, databaseName },
      });
      for (let i = 0; i < 2_000; i++) {
        const { dataLakeQuery: query } = await graphql<{
          dataLakeQuery: {
            status: string;
            message: string;
            results?: { edges: { node: Record<string, unknown> }[] };
          };
        }>(POLL, { id: run.executeDataLakeQuery.id });
        if (query.status === 'succeeded') return (query.results?.edges ?? []).map((edge) => edge.node);
        if (query.status !== 'running') throw new Error(`query ${query.status}: ${query.message}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('query still running after 2,000 polls');
    },
  };
}
