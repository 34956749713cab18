/**
 * query_data_lake's next_cursor: Panther's result cursor together with the query id it belongs to and the rows
 * already shown, so a follow-up call can read the next page of the same query without running the SQL again.
 * Opaque to the model: base64url of a small JSON object.
 */

export interface DataLakeCursor {
  readonly queryId: string;
  readonly cursor: string;
  /** Rows before the page this cursor points at. */
  readonly offset: number;
}

const PREFIX = 'dlq1.';

export function encodeCursor(value: DataLakeCursor): string {
  const json = JSON.stringify({ q: value.queryId, c: value.cursor, o: value.offset });
  return PREFIX + Buffer.from(json, 'utf8').toString('base64url');
}

/** The cursor's parts, or undefined when the text is not one of our cursors (e.g. a raw Panther cursor). */
export function decodeCursor(text: string): DataLakeCursor | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { q, c, o } = value as Record<string, unknown>;
    if (typeof q !== 'string' || typeof c !== 'string' || q === '') return undefined;
    return { queryId: q, cursor: c, offset: typeof o === 'number' && o >= 0 ? o : 0 };
  } catch {
    return undefined;
  }
}
