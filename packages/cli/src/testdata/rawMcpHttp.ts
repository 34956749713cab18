import { INITIALIZE, mcpMessage, postMcp } from '../../../core/src/testdata/rawMcp.js';

/**
 * MCP over streamable HTTP with hand-written JSON-RPC text, for requests the SDK's client cannot send (its
 * JSON.stringify overflows on a 5,000-level argument before anything leaves the test).
 */
export interface RawMcpSession {
  /** Sends one JSON-RPC request (its text as given) and returns the JSON-RPC answer. */
  request(text: string): Promise<{ status: number; message: unknown }>;
}

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export async function openRawMcpSession(url: string): Promise<RawMcpSession> {
  const init = await postMcp(url, INITIALIZE);
  await mcpMessage(init);
  const session = init.headers.get('mcp-session-id');
  if (init.status !== 200 || session === null) throw new Error(`initialize answered ${init.status}`);
  const headers = { ...HEADERS, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' };
  const initialized = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  await initialized.text();
  return {
    async request(text) {
      const response = await fetch(url, { method: 'POST', headers, body: text });
      return { status: response.status, message: await mcpMessage(response) };
    },
  };
}
