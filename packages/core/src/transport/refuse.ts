import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Early refusals (401, 403, 404, 405, 413, 503 …) answered before the request body has been read.
 *
 * Closing a socket while the client is still sending makes the kernel answer with a reset, and a reset can
 * discard the answer in the client's receive buffer before the client reads it: the client sees ECONNRESET
 * instead of the 413. So the answer is written in full (with a Content-Length) and what is left of the body is
 * read and thrown away ("lingering close"), within a bound of bytes and time, so a client that keeps sending
 * cannot hold the connection.
 */

/** Bytes of an unread body discarded after a refusal before the connection is dropped. */
export const LINGER_BYTES = 16 * 1024 * 1024;
/** How long an unread body is discarded after a refusal before the connection is dropped. */
export const LINGER_MS = 10_000;

/** Reads and discards the rest of the request body (bounded); drops the connection past the bound. */
export function discardBody(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  const socket = req.socket;
  let bytes = 0;
  const stop = (): void => {
    clearTimeout(timer);
    req.off('data', onData);
  };
  const drop = (): void => {
    stop();
    socket.destroy();
  };
  const onData = (chunk: Buffer): void => {
    bytes += chunk.length;
    if (bytes > LINGER_BYTES) drop();
  };
  const timer = setTimeout(drop, LINGER_MS);
  timer.unref();
  req.on('data', onData);
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
}

/** A JSON-RPC error answer (`id: null`), written completely; the unread body is discarded, not reset. */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  refuseWith(req, res, status, { jsonrpc: '2.0', error: { code: -32000, message }, id: null }, headers);
}

/** A refusal with a JSON answer of the caller's making (one error per message of a batch), written as `refuse`. */
export function refuseWith(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  answer: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    // Too late for a status line: end what was started rather than leave the client waiting.
    if (!res.writableEnded) res.end();
    return;
  }
  if (!req.complete) {
    // Node closes the socket right after the answer when the client asked for `Connection: close`; with a body
    // still arriving that close is a reset. The connection is kept until the body is discarded (or its bound).
    res.shouldKeepAlive = true;
    discardBody(req);
  }
  const body = JSON.stringify(answer);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}
