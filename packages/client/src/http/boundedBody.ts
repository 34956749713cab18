import { clientError, type PantherApiError } from '../errors.js';

/** `16 MiB`, `512 KiB` or `100 bytes`, for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The error for an answer larger than `maxBytes`: the caller should ask for less, not try again. */
export function responseTooLarge(maxBytes: number, status: number | undefined): PantherApiError {
  return clientError(
    'RESPONSE_TOO_LARGE',
    `Panther's answer exceeded ${formatBytes(maxBytes)}; ask for less (a smaller page or a narrower query)`,
    { status },
  );
}

/** Whether a `Content-Length` announces more than `maxBytes` (an absent or unreadable one does not). */
export function declaresMoreThan(contentLength: string | null | undefined, maxBytes: number): boolean {
  if (contentLength === null || contentLength === undefined || !/^\s*\d+\s*$/.test(contentLength))
    return false;
  return Number(contentLength) > maxBytes;
}

/**
 * The response with a body that errors with RESPONSE_TOO_LARGE once more than `maxBytes` have come through,
 * cancelling the original (which closes the connection). A `Content-Length` above the limit fails at once,
 * before any of the body is read. Nothing past the limit is buffered.
 */
export function limitResponse(response: Response, maxBytes: number): Response {
  if (declaresMoreThan(response.headers.get('content-length'), maxBytes)) {
    response.body?.cancel().catch(() => {});
    throw responseTooLarge(maxBytes, response.status);
  }
  if (response.body === null) return response;
  const reader = response.body.getReader();
  let received = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      received += value.byteLength;
      if (received > maxBytes) {
        const error = responseTooLarge(maxBytes, response.status);
        controller.error(error);
        await reader.cancel(error).catch(() => {});
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
