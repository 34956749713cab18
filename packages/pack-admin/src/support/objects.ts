/** Small helpers for shaping Panther objects and REST pages. */

export type JsonObject = Record<string, unknown>;

/** A REST list page: `{results, next}`; `next` is absent or null on the last page. */
export interface Page<T = JsonObject> {
  readonly results?: readonly T[] | null;
  readonly next?: string | null;
}

/** Keeps only `fields` that are present (not undefined) on `item`, in that order. */
export function pick(item: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const field of fields) {
    if (item[field] !== undefined) out[field] = item[field];
  }
  return out;
}

/** The cursor to send: none for an empty value or the literal "null" that some models pass. */
export function cursorOf(cursor: string | undefined): string | undefined {
  return cursor && cursor !== 'null' ? cursor : undefined;
}

export const MORE_NOTE = 'More results: call again with cursor=next_cursor.';

/** The common shape of a list: `{ [key]: items }`, plus `next_cursor` and `note` when it was cut. */
export function listResult(
  key: string,
  items: readonly unknown[],
  next: string | null | undefined,
): JsonObject {
  return next ? { [key]: items, next_cursor: next, note: MORE_NOTE } : { [key]: items };
}
