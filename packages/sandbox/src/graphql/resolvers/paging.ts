import { gqlError } from '../errors.js';

/** GraphQL cursors: an offset bound to its list, like the REST ones, but errors speak GraphQL. */
export function decodeGqlCursor(scope: string, cursor: unknown): number {
  if (cursor === null || cursor === undefined || cursor === '') return 0;
  try {
    const value = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as {
      s?: unknown;
      o?: unknown;
    };
    if (value.s === scope && typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0)
      return value.o;
  } catch {
    // fall through
  }
  throw gqlError('Invalid cursor: pass back the endCursor of a previous page of this list', 'BAD_USER_INPUT');
}

export function encodeGqlCursor(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
}

export function pageSize(value: unknown, fallback: number, max: number): number {
  const size = value === null || value === undefined ? fallback : Number(value);
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw gqlError(`pageSize must be between 1 and ${max}`, 'BAD_USER_INPUT');
  }
  return size;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** Slices an in-memory list into one page with its pageInfo. */
export function pageOf<T>(scope: string, items: readonly T[], offset: number, size: number) {
  const page = items.slice(offset, offset + size);
  const more = offset + size < items.length;
  return { page, pageInfo: pageInfo(scope, offset, size, more) };
}

export function pageInfo(scope: string, offset: number, size: number, more: boolean): PageInfo {
  return {
    hasNextPage: more,
    hasPreviousPage: offset > 0,
    startCursor: offset > 0 ? encodeGqlCursor(scope, offset) : null,
    endCursor: more ? encodeGqlCursor(scope, offset + size) : null,
  };
}
