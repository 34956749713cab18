import { badRequest } from '../server/respond.js';

/**
 * Opaque page cursors: an offset bound to the list it came from, so that a cursor of one list is refused
 * by another instead of silently paging the wrong thing.
 */
export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
}

export function decodeCursor(scope: string, cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined || cursor === '' || cursor === 'null') return 0;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      s?: unknown;
      o?: unknown;
    };
    if (value.s === scope && typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0)
      return value.o;
  } catch {
    // fall through
  }
  throw badRequest(`Invalid cursor: pass back the "next" value of a previous page of this list`);
}

/** `next` is null on the last page (never ""). */
export function nextCursor(scope: string, offset: number, pageSize: number, more: boolean): string | null {
  return more ? encodeCursor(scope, offset + pageSize) : null;
}
