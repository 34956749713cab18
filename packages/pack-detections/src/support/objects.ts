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

/** Drops `fields` from a shallow copy of `item`. */
export function omit(item: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = { ...item };
  for (const field of fields) delete out[field];
  return out;
}

/** The cursor to send: none for an empty value or the literal "null" that some models pass. */
export function cursorOf(cursor: string | undefined): string | undefined {
  return cursor && cursor !== 'null' ? cursor : undefined;
}

/**
 * The common shape of a cut list: `{ [key]: items, next_cursor?, note? }`.
 * `note` says how to get the next page only when there is one.
 */
export function listResult(
  key: string,
  items: readonly unknown[],
  next: string | null | undefined,
): JsonObject {
  return next
    ? { [key]: items, next_cursor: next, note: 'More results: call again with cursor=next_cursor.' }
    : { [key]: items };
}
