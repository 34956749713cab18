import { randomBytes } from 'node:crypto';
import { isPantherApiError, type PantherApiError } from '@mcp-panther/client';
import type { AnyTool } from '../define/types.js';
import { isMcpHostError } from '../errors.js';
import { permissionNames } from '../policy/permissions.js';

/** What a failed call sends back to the model, and whether (and how loudly) the host logs it. */
export interface MappedToolError {
  readonly text: string;
  readonly log: 'none' | 'warn' | 'error';
  /** A reference the text carries for errors whose details are only in the log. */
  readonly ref?: string;
}

function status(error: PantherApiError, fallback: string): string {
  return error.status === undefined ? fallback : String(error.status);
}

// The client's own wording around Panther's text; stripped so that the status is not said twice.
const CLIENT_PREFIX =
  /^(?:Panther rejected the API token \(HTTP 401\)|The API token lacks a permission this call needs \(HTTP 403\)|Panther rate limit reached \(HTTP 429\)(?:; retry after \d+ s)?|Panther answered HTTP \d+|Panther GraphQL error)(?::\s*|$)/;

/** Panther's own text from the error, as `: text`, or nothing. */
function detail(error: PantherApiError): string {
  const text = error.message.replace(CLIENT_PREFIX, '').trim();
  return text ? `: ${text}` : '';
}

function pantherText(tool: AnyTool, error: PantherApiError): MappedToolError {
  const said = detail(error);
  switch (error.code) {
    case 'AUTH':
      return {
        text: `Panther rejected the API token (${status(error, '401')})${said}; check PANTHER_API_TOKEN`,
        log: 'warn',
      };
    case 'PERMISSION': {
      const needs = permissionNames(tool.permissions);
      const hint = needs.length > 0 ? ` (${tool.name} needs ${needs.join(', ')})` : '';
      return {
        text: `Panther denied the request (${status(error, '403')})${said}; the API token lacks a permission${hint}`,
        log: 'none',
      };
    }
    case 'NOT_FOUND':
      return { text: `Not found in Panther (${status(error, '404')})${said}`, log: 'none' };
    case 'INVALID_INPUT':
      return { text: `Panther rejected the request (${status(error, '400')})${said}`, log: 'none' };
    case 'RATE_LIMITED': {
      const wait =
        error.retryAfterMs === undefined ? 'later' : `in ${Math.ceil(error.retryAfterMs / 1000)} s`;
      return {
        text: `Panther's rate limit was reached (${status(error, '429')})${said}; try again ${wait}`,
        log: 'warn',
      };
    }
    case 'TIMEOUT':
      return { text: error.message, log: 'warn' };
    case 'ABORTED':
      return { text: error.message, log: 'none' };
    case 'NETWORK':
      return { text: error.message, log: 'error' };
    default:
      return {
        text: error.status === undefined ? error.message : `Panther failed (${error.status})${said}`,
        log: 'error',
      };
  }
}

/**
 * Maps anything a handler throws to the text the model sees: the input error's own message, Panther's message
 * with what it means, or (for anything else) a generic message with a reference to the log. Never a stack trace.
 */
export function mapToolError(tool: AnyTool, error: unknown): MappedToolError {
  if (isMcpHostError(error) && error.code === 'USER_INPUT') return { text: error.message, log: 'none' };
  if (isPantherApiError(error)) {
    const mapped = pantherText(tool, error);
    return { ...mapped, text: `${tool.name} failed: ${mapped.text}` };
  }
  const ref = randomBytes(4).toString('hex');
  return {
    text: `${tool.name} failed with an internal error (reference ${ref} in the server log)`,
    log: 'error',
    ref,
  };
}
