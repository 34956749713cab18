import { clientError, codeForStatus, type PantherApiError, pantherError, toDetail } from '../errors.js';
import { parseRetryAfter } from '../retry/retryPolicy.js';

/** How much of a body that is not Panther's JSON (an HTML error page from a proxy, say) is kept. */
const EXCERPT_LENGTH = 200;

/** Replaces every occurrence of the secret; used on all text that came from the network. */
export function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('[redacted]');
}

/** Panther's `{"message": "..."}` (or `error`), or a short excerpt of whatever else the body holds. */
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
    // Not JSON: fall through to an excerpt.
  }
  const flat = trimmed.replace(/\s+/g, ' ');
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}

/** The typed error for a non-2xx HTTP answer (REST, or GraphQL without an `errors[]`). */
export function errorFromHttpStatus(
  status: number,
  headers: { get(name: string): string | null },
  bodyText: string,
  secret: string,
): PantherApiError {
  const retryAfterMs = status === 429 ? parseRetryAfter(headers.get('retry-after')) : undefined;
  const detail = toDetail(messageFromBody(redact(bodyText, secret)), secret);
  return pantherError(codeForStatus(status), { status, retryAfterMs, detail });
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
  return clientError('NETWORK', redact(`Could not reach Panther at ${originOf(url)}: ${reason}`, secret), {
    cause: error,
  });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured URL';
  }
}
