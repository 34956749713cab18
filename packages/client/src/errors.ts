/**
 * Typed errors of the Panther client. Recognise them with `isPantherApiError` (a `Symbol.for` brand),
 * not `instanceof`, so that duplicate copies of this package still agree.
 * Messages carry Panther's own text and never the API token.
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
  | 'NETWORK';

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
  cause?: unknown;
}

export class PantherApiError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'PantherApiError';
  readonly code: PantherErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly graphqlErrors: PantherApiErrorOptions['graphqlErrors'];

  constructor(code: PantherErrorCode, message: string, options: PantherApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.graphqlErrors = options.graphqlErrors;
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
