/**
 * JSON-RPC batches at the HTTP edge. The SDK's transport accepts a batch of up to 100 messages whatever protocol
 * version the client negotiated (MCP 2025-06-18 removed batching; 2025-03-26 allows it) and runs every message: one
 * POST could carry a hundred tool calls past a limit that counted requests. So the edge bounds a batch by
 * `server.maxBatchSize`, refuses batches from clients on a protocol without them, and counts each message against
 * the caller's rate.
 */

/** The first protocol version without JSON-RPC batching. */
export const NO_BATCHES_FROM = '2025-06-18';

/** The JSON-RPC error code of a call refused by the caller's rate (the JSON-RPC face of HTTP 429). */
export const RATE_LIMITED_CODE = -32029;

/** How many calls a body counts for: each message of a batch, else one. */
export function messagesIn(body: unknown): number {
  return Array.isArray(body) ? Math.max(1, body.length) : 1;
}

/** Why a batch is refused (400), or undefined for a body that is not a batch or a batch that may be served. */
export function batchRefusal(
  body: unknown,
  options: { readonly maxBatchSize: number; readonly protocolVersion: string | undefined },
): string | undefined {
  if (!Array.isArray(body)) return undefined;
  if (body.length === 0) return 'Invalid Request: an empty batch';
  const version = options.protocolVersion;
  // Dated versions compare as strings.
  if (version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= NO_BATCHES_FROM) {
    return `Invalid Request: protocol ${version} has no JSON-RPC batches (removed in ${NO_BATCHES_FROM}); send one message per request`;
  }
  if (body.length > options.maxBatchSize) {
    return `Invalid Request: a batch holds at most ${options.maxBatchSize} messages (server.maxBatchSize); this one has ${body.length}`;
  }
  return undefined;
}

type Id = string | number | null;

function idOf(message: unknown): Id | undefined {
  if (typeof message !== 'object' || message === null || !('id' in message)) return undefined;
  const id = (message as { id: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/**
 * One JSON-RPC error per request of the body (a notification gets none), with its id: the answer to a batch refused
 * whole. A single message, or a batch of notifications only, is answered with one error of id null.
 */
export function errorsPerMessage(
  body: unknown,
  error: { readonly code: number; readonly message: string; readonly data?: unknown },
): unknown {
  const answer = (id: Id) => ({ jsonrpc: '2.0', error, id });
  if (!Array.isArray(body)) return answer(idOf(body) ?? null);
  const answers = body.flatMap((message) => {
    const id = idOf(message);
    return id === undefined ? [] : [answer(id)];
  });
  return answers.length > 0 ? answers : answer(null);
}
