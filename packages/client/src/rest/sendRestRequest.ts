import { clientError, isPantherApiError } from '../errors.js';
import type { AttemptResult } from '../execute/upstreamCall.js';
import type { HttpRequester } from '../http/nodeRequest.js';
import { errorFromHttpStatus, networkError } from '../http/responseErrors.js';

export interface RestHttpRequest {
  url: string;
  method: string;
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
  /** Largest answer read (see `PantherClientOptions.maxResponseBytes`). */
  maxBodyBytes: number;
}

/** One REST attempt: send, read the body, map an error answer to a `PantherApiError`. */
export async function sendRestRequest(
  send: HttpRequester,
  request: RestHttpRequest,
  signal: AbortSignal,
  secret: string,
): Promise<AttemptResult<unknown>> {
  let status: number;
  let text: string;
  let headers: { get(name: string): string | null };
  try {
    // `manual`: a redirect is never followed, so the API key never travels to another origin.
    const response = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal,
      redirect: 'manual',
      maxBodyBytes: request.maxBodyBytes,
    });
    status = response.status;
    headers = response.headers;
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    // RESPONSE_TOO_LARGE: Panther answered, and the answer was cut off.
    if (isPantherApiError(error)) throw error;
    throw networkError(error, request.url, secret);
  }
  if (status < 200 || status > 299) throw errorFromHttpStatus(status, headers, text, secret);
  return { value: parseJsonBody(text, status), status };
}

/** An empty body (204 from `PATCH /alerts`) is `undefined`; anything else must be JSON. */
export function parseJsonBody(text: string, status: number): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw clientError('UPSTREAM', `Panther answered HTTP ${status} with a body that is not JSON`, {
      status,
      cause: error,
    });
  }
}
