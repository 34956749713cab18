import { GraphQLError } from 'graphql';
import type { Permission } from '../auth/permissions.js';
import { HttpError } from '../server/respond.js';
import type { GqlContext } from './types.js';

export type GqlErrorCode = 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR';

export function gqlError(message: string, code: GqlErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** Throws a FORBIDDEN error unless the caller holds one of the permissions. */
export function requirePermission(context: GqlContext, ...anyOf: Permission[]): void {
  if (!anyOf.some((p) => context.identity.permissions.has(p))) {
    throw gqlError(`Forbidden: this API token lacks the permission ${anyOf.join(' or ')}`, 'FORBIDDEN');
  }
}

/** The code of an error raised by shared services (which speak HTTP statuses). */
export function codeOf(error: unknown): GqlErrorCode {
  if (error instanceof HttpError) {
    if (error.status === 404) return 'NOT_FOUND';
    if (error.status === 403) return 'FORBIDDEN';
    if (error.status < 500) return 'BAD_USER_INPUT';
  }
  return 'INTERNAL_SERVER_ERROR';
}
