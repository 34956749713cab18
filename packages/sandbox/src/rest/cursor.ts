import { badRequest } from '../server/respond.js';
import { cursorOffset, encodeCursor } from '../shared/cursor.js';

export function decodeCursor(scope: string, cursor: string | null | undefined): number {
  const offset = cursorOffset(scope, cursor);
  if (offset === undefined)
    throw badRequest('Invalid cursor: pass back the "next" value of a previous page of this list');
  return offset;
}

/** `next` is null on the last page (never ""). */
export function nextCursor(scope: string, offset: number, pageSize: number, more: boolean): string | null {
  return more ? encodeCursor(scope, offset + pageSize) : null;
}
