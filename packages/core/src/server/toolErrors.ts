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

function pantherText(tool: AnyTool, error: PantherApiError): MappedToolError {
  const said = error.message;
  switch (error.code) {
    case 'AUTH':
      return {
        text: `Panther rejected the API token (${status(error, '401')}): ${said}; check PANTHER_API_TOKEN`,
        log: 'warn',
      };
    case 'PERMISSION': {
      const needs = permissionNames(tool.permissions);
      const hint = needs.length > 0 ? ` (${tool.name} needs ${needs.join(', ')})` : '';
      return {
        text: `Panther denied the request (${status(error, '403')}): ${said}; the API token lacks a permission${hint}`,
        log: 'none',
      };
    }
    case 'NOT_FOUND':
      return { text: `Not found in Panther (${status(error, '404')}): ${said}`, log: 'none' };
    case 'INVALID_INPUT':
      return { text: `Panther rejected the request (${status(error, '400')}): ${said}`, log: 'none' };
    case 'RATE_LIMITED':
      return {
        text: `Panther's rate limit was reached (${status(error, '429')}): ${said}; try again later`,
        log: 'warn',
      };
    case 'TIMEOUT':
      return { text: `Panther did not answer in time: ${said}`, log: 'warn' };
    case 'ABORTED':
      return { text: 'The request was cancelled', log: 'none' };
    case 'NETWORK':
      return { text: `Could not reach Panther: ${said}`, log: 'error' };
    default:
      return { text: `Panther failed (${status(error, 'upstream error')}): ${said}`, log: 'error' };
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
