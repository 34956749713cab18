/** Panther's list pages, and the one shape in which tools return a page of a list. */

/** A REST list page as Panther sends it: `{ results, next }`, `next` absent or null on the last page. */
export interface RestPage<T = Record<string, unknown>> {
  readonly results?: readonly T[] | null;
  readonly next?: string | null;
}

/** The cursor to send: none for an empty value or the literal "null" that some models pass. */
export function cursorOf(cursor: string | null | undefined): string | undefined {
  return cursor && cursor !== 'null' ? cursor : undefined;
}

export interface PagedResultOptions {
  /** The tool to call again, named in the note (for lists whose arguments must be repeated). */
  readonly tool?: string;
  /** A sentence appended to the note when there is a next page (for example how filters apply). */
  readonly note?: string;
  /** Keep `next_cursor` on the last page, as null (for output schemas that require the key). */
  readonly alwaysCursor?: boolean;
}

/**
 * A page of a list: `{ [key]: items }`, plus `next_cursor` and a `note` saying how to get the next page when
 * there is one. The last page has no `next_cursor`, or `next_cursor: null` with `alwaysCursor`.
 */
export type PagedResult<K extends string, T> = { [key in K]: T[] } & {
  next_cursor?: string | null;
  note?: string;
};

export function pagedResult<K extends string, T>(
  key: K,
  items: readonly T[],
  next: string | null | undefined,
  options: PagedResultOptions & { readonly alwaysCursor: true },
): PagedResult<K, T> & { next_cursor: string | null };
export function pagedResult<K extends string, T>(
  key: K,
  items: readonly T[],
  next: string | null | undefined,
  options?: PagedResultOptions,
): PagedResult<K, T>;
export function pagedResult<K extends string, T>(
  key: K,
  items: readonly T[],
  next: string | null | undefined,
  options: PagedResultOptions = {},
): PagedResult<K, T> {
  const list = { [key]: [...items] } as { [key in K]: T[] };
  if (!next) return options.alwaysCursor ? { ...list, next_cursor: null } : list;
  const call = options.tool ? `call ${options.tool} again with the same arguments and` : 'call again with';
  const note = `More results: ${call} cursor=next_cursor.${options.note ? ` ${options.note}` : ''}`;
  return { ...list, next_cursor: next, note };
}
