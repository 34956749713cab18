/** Panther's list pages, and the one shape in which tools return a page of a list. */
import type { Table } from './table.js';

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
 * A page of a list: `{ [key]: list }` (an array, or a table of rows), plus `next_cursor` and a `note` saying how to
 * get the next page when there is one. The last page has no `next_cursor`, or `next_cursor: null` with
 * `alwaysCursor`.
 */
export type PagedResult<K extends string, L> = { [key in K]: L } & {
  next_cursor?: string | null;
  note?: string;
};

export function pagedResult<K extends string, L extends readonly unknown[] | Table>(
  key: K,
  list: L,
  next: string | null | undefined,
  options: PagedResultOptions & { readonly alwaysCursor: true },
): PagedResult<K, L> & { next_cursor: string | null };
export function pagedResult<K extends string, L extends readonly unknown[] | Table>(
  key: K,
  list: L,
  next: string | null | undefined,
  options?: PagedResultOptions,
): PagedResult<K, L>;
export function pagedResult<K extends string, L extends readonly unknown[] | Table>(
  key: K,
  list: L,
  next: string | null | undefined,
  options: PagedResultOptions = {},
): PagedResult<K, L> {
  // An array is copied, so that the caller may go on changing its own.
  const page = { [key]: Array.isArray(list) ? [...list] : list } as { [key in K]: L };
  if (!next) return options.alwaysCursor ? { ...page, next_cursor: null } : page;
  const call = options.tool ? `call ${options.tool} again with the same arguments and` : 'call again with';
  const note = `More results: ${call} cursor=next_cursor.${options.note ? ` ${options.note}` : ''}`;
  return { ...page, next_cursor: next, note };
}
