/**
 * MCP over streamable HTTP by hand, for tests that look at what the SDK's client hides: statuses, headers,
 * refusals. Shared by core's transport tests and the command's end-to-end tests.
 */

/** A JSON-RPC `initialize` request: the first message of every session. */
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
} as const;

/** POSTs one JSON-RPC message to an MCP endpoint, with a bearer token when given. */
export function postMcp(
  url: string,
  body: unknown,
  options: { readonly token?: string | undefined; readonly headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: JSON.stringify(body),
  });
}

/** The JSON-RPC message of an answer sent as plain JSON or as server-sent events (the last event's). */
export async function mcpMessage(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
  const data = text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim())
    .filter((line) => line !== '');
  return data.length === 0 ? undefined : (JSON.parse(data[data.length - 1] as string) as unknown);
}
