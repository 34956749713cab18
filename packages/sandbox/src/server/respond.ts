import type { ServerResponse } from 'node:http';

/** An error that becomes an HTTP answer `{"message": ...}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** More fields of the error body (e.g. `testResults`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);

/** Every answer is JSON, even 204: aiohttp-based clients refuse to decode anything else. */
export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined || status === 204 ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}
