import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OAuth 2.0 token introspection endpoint (RFC 7662) on 127.0.0.1 for tests: it checks the client's HTTP
 * Basic credentials, reads the form-encoded token, and answers from a table (unknown tokens are not active).
 */
export interface IntrospectionEndpoint {
  readonly url: string;
  /** What each introspected token is: its answer, or a function of the time asked (in seconds). */
  readonly tokens: Map<string, Record<string, unknown> | ((nowSeconds: number) => Record<string, unknown>)>;
  /** Every request, in order: the token asked about and its type hint. */
  readonly requests: { readonly token: string; readonly hint: string | null }[];
  /** Answer every request with this status instead (an outage), until set back to undefined. */
  failWith: number | undefined;
  close(): Promise<void>;
}

export async function startIntrospectionEndpoint(client: {
  readonly id: string;
  readonly secret: string;
}): Promise<IntrospectionEndpoint> {
  const expected = `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
  const endpoint: IntrospectionEndpoint = {
    url: '',
    tokens: new Map(),
    requests: [],
    failWith: undefined,
    close: async () => {},
  };
  const server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST') return reply(405, { error: 'invalid_request' });
    if (request.headers.authorization !== expected) return reply(401, { error: 'invalid_client' });
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const token = form.get('token') ?? '';
    endpoint.requests.push({ token, hint: form.get('token_type_hint') });
    if (endpoint.failWith !== undefined) return reply(endpoint.failWith, { error: 'server_error' });
    const known = endpoint.tokens.get(token);
    const answer = typeof known === 'function' ? known(Math.floor(Date.now() / 1000)) : known;
    return reply(200, answer ?? { active: false });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(endpoint, {
    url: `http://127.0.0.1:${port}/introspect`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
