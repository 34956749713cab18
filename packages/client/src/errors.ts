/**
 * Typed errors of the Panther client. Recognise them with `isPantherApiError` (a `Symbol.for` brand),
 * not `instanceof`, so that duplicate copies of this package still agree. Read them as data: `code`, `status`,
 * `retryAfterMs`, `graphqlErrors` and `detail` (Panther's own words); the message is built from those for
 * people and may change. Nothing in an error ever carries the API token.
 */

export type PantherErrorCode =
  /** 401: the token is missing, unknown or expired. */
  | 'AUTH'
  /** 403: the token lacks a permission. */
  | 'PERMISSION'
  /** 404. */
  | 'NOT_FOUND'
  /** 400/409/422, or a GraphQL validation error: the request was wrong. */
  | 'INVALID_INPUT'
  /** 429 after the allowed waits. */
  | 'RATE_LIMITED'
  /** The call took longer than its timeout. */
  | 'TIMEOUT'
  /** The caller aborted (the MCP request was cancelled). */
  | 'ABORTED'
  /** 5xx, a GraphQL error without a clearer code, or an answer that is not what Panther sends. */
  | 'UPSTREAM'
  /** The connection failed (DNS, refused, reset). */
  | 'NETWORK'
  /** Panther's answer was larger than `maxResponseBytes`; the client stopped reading it. Never retried. */
  | 'RESPONSE_TOO_LARGE';

/** One entry of a GraphQL response's `errors[]`, as Panther sent it. */
export interface PantherGraphQLError {
  message: string;
  path?: readonly (string | number)[];
  /** Panther's `extensions` (e.g. `{ code: 'GRAPHQL_VALIDATION_FAILED' }`), when present. */
  extensions?: Readonly<Record<string, unknown>>;
}

const BRAND = Symbol.for('@mcp-panther/client:PantherApiError');

export interface PantherApiErrorOptions {
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  /** The GraphQL `errors[]` when the error came from a GraphQL response. */
  graphqlErrors?: readonly PantherGraphQLError[] | undefined;
  /**
   * Panther's own words about the failure (see `PantherApiError.detail`). When the key is absent the message is
   * the detail, which suits errors raised by a tool with its own text; `detail: undefined` says there is none.
   */
  detail?: string | undefined;
  cause?: unknown;
}

export class PantherApiError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'PantherApiError';
  readonly code: PantherErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly graphqlErrors: PantherApiErrorOptions['graphqlErrors'];
  /**
   * What Panther said: the `message` of its JSON body, an excerpt of any other body, or the GraphQL `errors[]`
   * messages. Redacted of the token, one line, at most `MAX_DETAIL_LENGTH` characters. Undefined when Panther
   * said nothing (a timeout, a cancellation, a connection failure, an empty body).
   */
  readonly detail: string | undefined;

  constructor(code: PantherErrorCode, message: string, options: PantherApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.graphqlErrors = options.graphqlErrors;
    this.detail = 'detail' in options ? options.detail : message;
  }

  /** 4xx-like errors are the caller's to fix and go back to the model as text; the rest are also logged. */
  get isClientError(): boolean {
    return this.code !== 'UPSTREAM' && this.code !== 'NETWORK' && this.code !== 'TIMEOUT';
  }
}

export function isPantherApiError(error: unknown): error is PantherApiError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

export function codeForStatus(status: number): PantherErrorCode {
  if (status === 401) return 'AUTH';
  if (status === 403) return 'PERMISSION';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 400 && status < 500) return 'INVALID_INPUT';
  return 'UPSTREAM';
}

/** The longest `detail` kept; Panther's messages are short, anything longer is an HTML page or a dump. */
export const MAX_DETAIL_LENGTH = 500;

/** Text from the network made fit for `detail`: the secret replaced, on one line, bounded; undefined when empty. */
export function toDetail(
  text: string | undefined,
  secret: string,
  maxLength: number = MAX_DETAIL_LENGTH,
): string | undefined {
  if (text === undefined) return undefined;
  // Redact before cutting: a cut through the token would leave part of it behind.
  const redacted = secret === '' ? text : text.split(secret).join('[redacted]');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being removed
  const line = redacted.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  if (line === '') return undefined;
  return line.length > maxLength ? `${line.slice(0, maxLength)}…` : line;
}

/** An error in the client's own words, where Panther said nothing (a timeout, a refused request): no `detail`. */
export function clientError(
  code: PantherErrorCode,
  message: string,
  options: Omit<PantherApiErrorOptions, 'detail'> = {},
): PantherApiError {
  return new PantherApiError(code, message, { ...options, detail: undefined });
}

export interface PantherAnswerParts {
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  graphqlErrors?: readonly PantherGraphQLError[] | undefined;
  /** Already made fit with `toDetail`. */
  detail?: string | undefined;
  cause?: unknown;
}

/** The error for an answer Panther gave, with its message built from the parts. */
export function pantherError(code: PantherErrorCode, parts: PantherAnswerParts): PantherApiError {
  const { detail } = parts;
  return new PantherApiError(code, describeAnswer(parts), {
    status: parts.status,
    retryAfterMs: parts.retryAfterMs,
    graphqlErrors: parts.graphqlErrors,
    detail,
    cause: parts.cause,
  });
}

function describeAnswer({ status, retryAfterMs, graphqlErrors, detail }: PantherAnswerParts): string {
  const said = detail === undefined ? '' : `: ${detail}`;
  if (status === 401) return `Panther rejected the API token (HTTP 401)${said}`;
  if (status === 403) return `The API token lacks a permission this call needs (HTTP 403)${said}`;
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    return `Panther rate limit reached (HTTP 429)${wait}${said}`;
  }
  if (graphqlErrors !== undefined && graphqlErrors.length > 0) return `Panther GraphQL error${said}`;
  if (status !== undefined) return `Panther answered HTTP ${status}${said}`;
  return `Panther failed${said}`;
}
