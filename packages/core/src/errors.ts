/**
 * Errors of the host, each with a stable `code` (documented in docs/errors.md) and a `cause`.
 * Recognise them by `code` via `isMcpHostError`, not by `instanceof`.
 */

export type HostErrorCode =
  /** The config file or environment is invalid. */
  | 'CONFIG_INVALID'
  /** A pack named in the config could not be found. */
  | 'PACK_NOT_FOUND'
  /** A pack was found but importing it failed (a syntax error, a missing dependency of its own). */
  | 'PACK_IMPORT_FAILED'
  /** A pack is not a pack: wrong brand, missing fields, bad tool definitions. */
  | 'PACK_INVALID'
  /** A pack targets another pack API version or a core version outside its range. */
  | 'PACK_API_MISMATCH'
  /** Two packs share an id, or two tools share a name. */
  | 'DUPLICATE_TOOL'
  /** A pack's `requires` names a pack that is not loaded. */
  | 'PACK_MISSING_DEPENDENCY'
  /**
   * Panther cannot serve a single call: it rejects the API token, does not answer, or the URL is not a Panther API
   * (start-up stops unless `panther.allowUnreachable`).
   */
  | 'PANTHER_UNAVAILABLE'
  /** The server configuration is unsafe (for example HTTP beyond loopback without auth). */
  | 'UNSAFE_CONFIG'
  /** A tool was called with input it cannot use; the message names the argument and what is allowed. */
  | 'USER_INPUT'
  /** A tool call ran out of time (for example a data lake query that did not finish); nothing is wrong with the input. */
  | 'TOOL_TIMEOUT'
  /** A tool call was cancelled by the client before it finished. */
  | 'CANCELLED'
  /** A tool call failed for a reason the tool can state (Panther answered something unusable, say). */
  | 'TOOL_FAILED'
  /** A tool call failed unexpectedly; the message carries a reference to the server log. */
  | 'INTERNAL'
  /** A tool that is not registered for this caller was called. */
  | 'UNKNOWN_TOOL'
  /** A write was refused because the audit log cannot be written; nothing was sent. */
  | 'AUDIT_UNAVAILABLE'
  /** A tool result is too large to cut down to the size limit at record boundaries. */
  | 'OUTPUT_TOO_LARGE';

const BRAND = Symbol.for('@mcp-panther/core:McpHostError');

export class McpHostError extends Error {
  readonly [BRAND] = true;
  override readonly name: string = 'McpHostError';
  readonly code: HostErrorCode;

  constructor(code: HostErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

export function isMcpHostError(error: unknown): error is McpHostError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Thrown by tool handlers for input that passes the schema but cannot be used
 * (for example a cursor combined with several detection types). Sent back to the model as the tool error text.
 */
export class ToolInputError extends McpHostError {
  override readonly name = 'ToolInputError';
  readonly argument: string | undefined;

  constructor(argument: string | undefined, message: string, options?: { cause?: unknown }) {
    super('USER_INPUT', argument ? `Invalid argument "${argument}": ${message}` : message, options);
    this.argument = argument;
  }
}
