import { cursorOffset, encodeCursor } from '../../shared/cursor.js';
import { gqlError } from '../errors.js';

/** GraphQL cursors: the shared cursors, with errors that speak GraphQL. */
export function decodeGqlCursor(scope: string, cursor: unknown): number {
  const offset = cursorOffset(scope, cursor);
  if (offset === undefined) {
    throw gqlError(
      'Invalid cursor: pass back the endCursor of a previous page of this list',
      'BAD_USER_INPUT',
    );
  }
  return offset;
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
    startCursor: offset > 0 ? encodeCursor(scope, offset) : null,
    endCursor: more ? encodeCursor(scope, offset + size) : null,
  };
}
