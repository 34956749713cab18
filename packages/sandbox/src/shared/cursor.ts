/**
 * Opaque page cursors, shared by REST and GraphQL: an offset bound to the list it came from, so that a
 * cursor of one list is refused by another instead of silently paging the wrong thing.
 */
export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
}

/** The offset of a cursor (0 when absent), or undefined when it is not a cursor of this list. */
export function cursorOffset(scope: string, cursor: unknown): number | undefined {
  if (cursor === null || cursor === undefined || cursor === '' || cursor === 'null') return 0;
  try {
    const value = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as {
      s?: unknown;
      o?: unknown;
    };
    if (value.s === scope && typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0)
      return value.o;
  } catch {
    // not base64 JSON: refused below
  }
  return undefined;
}
