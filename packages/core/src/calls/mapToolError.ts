import { randomBytes } from 'node:crypto';
import { isPantherApiError, type PantherApiError } from '@mcp-panther/client';
import { permissionNames } from '../catalog/permissions.js';
import type { AnyTool } from '../define/types.js';
import { type HostErrorCode, isMcpHostError } from '../errors.js';

/** What a failed call sends back to the model, and whether (and how loudly) the host logs it. */
export interface MappedToolError {
  readonly text: string;
  readonly log: 'none' | 'warn' | 'error';
  /** The error's code (Panther's or the host's), or INTERNAL; for the log line. */
  readonly code: string;
  /** A reference the text carries for errors whose details are only in the log. */
  readonly ref?: string;
}

type Mapped = Omit<MappedToolError, 'code'>;

/** `(403)`: the HTTP status Panther answered with, else the usual one for the code. */
function statusOf(error: PantherApiError, usual: number): string {
  const graphql = error.graphqlErrors !== undefined && error.graphqlErrors.length > 0;
  // GraphQL errors usually come with HTTP 200, which says nothing about the failure.
  if (error.status !== undefined && !(graphql && error.status < 400)) return `(${error.status})`;
  return graphql ? '' : `(${usual})`;
}

/** Panther's own words, as `: words`, or nothing. */
function said(error: PantherApiError): string {
  return error.detail === undefined || error.detail === '' ? '' : `: ${error.detail}`;
}

const join = (...parts: string[]) => parts.filter((part) => part !== '').join(' ');

/** The text for each code, from the error's data: code, status, detail, retryAfterMs. Never from its wording. */
const PANTHER_TEXT: Readonly<
  Record<PantherApiError['code'], (error: PantherApiError, tool: AnyTool) => Mapped>
> = {
  AUTH: (error) => ({
    text: `${join('Panther rejected the API token', statusOf(error, 401))}${said(error)}; check PANTHER_API_TOKEN`,
    log: 'warn',
  }),
  PERMISSION: (error, tool) => {
    const needs = permissionNames(tool.permissions);
    const hint = needs.length > 0 ? ` (${tool.name} needs ${needs.join(', ')})` : '';
    return {
      text: `${join('Panther denied the request', statusOf(error, 403))}${said(error)}; the API token lacks a permission${hint}`,
      log: 'none',
    };
  },
  NOT_FOUND: (error) => ({
    text: `${join('Not found in Panther', statusOf(error, 404))}${said(error)}`,
    log: 'none',
  }),
  INVALID_INPUT: (error) =>
    // Neither a status nor GraphQL errors: the client refused the request before sending it, in its own words.
    error.status === undefined && error.graphqlErrors === undefined
      ? { text: error.message, log: 'none' }
      : { text: `${join('Panther rejected the request', statusOf(error, 400))}${said(error)}`, log: 'none' },
  RATE_LIMITED: (error) => {
    const wait = error.retryAfterMs === undefined ? 'later' : `in ${Math.ceil(error.retryAfterMs / 1000)} s`;
    return {
      text: `${join("Panther's rate limit was reached", statusOf(error, 429))}${said(error)}; try again ${wait}`,
      log: 'warn',
    };
  },
  RESPONSE_TOO_LARGE: (error) => ({ text: error.message, log: 'warn' }),
  TIMEOUT: (error) => ({ text: error.message, log: 'warn' }),
  ABORTED: (error) => ({ text: error.message, log: 'none' }),
  NETWORK: (error) => ({ text: error.message, log: 'error' }),
  UPSTREAM: (error) => ({
    // Without a status or Panther's words, the message is the whole account (a body that is not JSON, say).
    text:
      error.status === undefined || error.detail === undefined
        ? error.message
        : `${join('Panther failed', statusOf(error, 500))}${said(error)}`,
    log: 'error',
  }),
};

/** Host errors whose message is written for the model, and how loudly each is logged. */
const HOST_LOG: Partial<Record<HostErrorCode, MappedToolError['log']>> = {
  USER_INPUT: 'none',
  TOOL_TIMEOUT: 'none',
  CANCELLED: 'none',
  TOOL_FAILED: 'warn',
};

/**
 * Maps anything a handler throws to the text the model sees: a host error's own message (input, time limit,
 * cancellation, a failure the tool can state), Panther's words with what they mean, or (for anything else) a
 * generic message with a reference to the log. Never a stack trace.
 */
export function mapToolError(tool: AnyTool, error: unknown): MappedToolError {
  if (isMcpHostError(error)) {
    const log = HOST_LOG[error.code];
    if (log !== undefined) return { text: error.message, log, code: error.code };
  }
  if (isPantherApiError(error)) {
    const mapped = (PANTHER_TEXT[error.code] ?? PANTHER_TEXT.UPSTREAM)(error, tool);
    return { ...mapped, text: `${tool.name} failed: ${mapped.text}`, code: error.code };
  }
  const ref = randomBytes(4).toString('hex');
  return {
    text: `${tool.name} failed with an internal error (reference ${ref} in the server log)`,
    log: 'error',
    code: 'INTERNAL',
    ref,
  };
}
