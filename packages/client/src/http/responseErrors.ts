import { codeForStatus, PantherApiError } from '../errors.js';
import { parseRetryAfter } from '../retry/retryPolicy.js';

const SNIPPET_LENGTH = 200;

/** Replaces every occurrence of the secret; used on all text that came from the network. */
export function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('[redacted]');
}

/** Panther's `{"message": "..."}`, or a short, single-line excerpt of whatever else the body holds. */
export function messageFromBody(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed === 'object' && parsed !== null) {
      const message =
        (parsed as { message?: unknown; error?: unknown }).message ?? (parsed as { error?: unknown }).error;
      if (typeof message === 'string' && message !== '') return message;
    }
  } catch {
    // Not JSON: fall through to an excerpt (an HTML error page from a proxy, say).
  }
  const flat = trimmed.replace(/\s+/g, ' ');
  return flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH)}…` : flat;
}

/** The typed error for a non-2xx HTTP answer (REST, or GraphQL without an `errors[]`). */
export function errorFromHttpStatus(
  status: number,
  headers: { get(name: string): string | null },
  bodyText: string,
  secret: string,
): PantherApiError {
  const code = codeForStatus(status);
  const detail = messageFromBody(redact(bodyText, secret));
  const retryAfterMs = status === 429 ? parseRetryAfter(headers.get('retry-after')) : undefined;
  return new PantherApiError(code, describeStatus(status, detail, retryAfterMs), { status, retryAfterMs });
}

export function describeStatus(status: number, detail: string | undefined, retryAfterMs?: number): string {
  const suffix = detail === undefined ? '' : `: ${detail}`;
  if (status === 401) return `Panther rejected the API token (HTTP 401)${suffix}`;
  if (status === 403) return `The API token lacks a permission this call needs (HTTP 403)${suffix}`;
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    return `Panther rate limit reached (HTTP 429)${wait}${suffix}`;
  }
  return `Panther answered HTTP ${status}${suffix}`;
}

/** A request that failed before any answer: DNS, refused, reset, TLS. The host is named, the query string is not. */
export function networkError(error: unknown, url: string, secret: string): PantherApiError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = (error as { code?: unknown } | undefined)?.code;
  const reason =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof code === 'string'
        ? code
        : typeof cause?.message === 'string'
          ? cause.message
          : error instanceof Error
            ? error.message
            : String(error);
  return new PantherApiError(
    'NETWORK',
    redact(`Could not reach Panther at ${originOf(url)}: ${reason}`, secret),
    {
      cause: error,
    },
  );
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured URL';
  }
}
