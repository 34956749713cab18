/**
 * Data lake rows as the model reads them: the column names once, each row as an array of values in column order,
 * and the columns that hold one value in every row of the page given once, in `same_in_every_row`.
 */
import { ToolInputError } from '@mcp-panther/core';

export interface ShapedRows {
  readonly columns: string[];
  readonly rows: unknown[][];
  readonly same_in_every_row?: Record<string, unknown>;
}

/** Fewer rows than this keep every column in the rows: a shared value in two rows says little. */
const MIN_ROWS_TO_HOIST = 3;

const sameInEveryRow = (records: readonly Record<string, unknown>[], column: string): boolean => {
  const first = JSON.stringify(records[0]?.[column] ?? null);
  return records.every((record) => JSON.stringify(record[column] ?? null) === first);
};

/**
 * The page's records in `order` (Panther's column order), or only the `fields` asked for. A field that is not a
 * column of the results is refused, naming the columns (the query has run: its id reads the results again).
 */
export function shapeRows(
  records: readonly Record<string, unknown>[],
  order: readonly string[],
  fields: readonly string[] | undefined,
  queryId: string,
): ShapedRows {
  const all = order.length > 0 ? [...order] : Object.keys(records[0] ?? {});
  if (fields) {
    const known = new Set(all);
    const unknown = [...new Set(fields.filter((field) => !known.has(field)))];
    if (unknown.length > 0) {
      throw new ToolInputError(
        'fields',
        `${unknown.map((f) => JSON.stringify(f)).join(', ')} ${unknown.length > 1 ? 'are not columns' : 'is not a column'} ` +
          `of query ${queryId} (columns: ${all.join(', ')}); call again with query_id=${queryId} and fields from those.`,
      );
    }
  }
  const wanted = fields ? [...new Set(fields)] : all;
  const constant =
    records.length >= MIN_ROWS_TO_HOIST ? wanted.filter((column) => sameInEveryRow(records, column)) : [];
  // Every column the same: the rows themselves are the answer (a repeated constant, a single-value query).
  const hoisted = constant.length < wanted.length ? new Set(constant) : new Set<string>();
  const columns = wanted.filter((column) => !hoisted.has(column));
  return {
    columns,
    rows: records.map((record) => columns.map((column) => record[column] ?? null)),
    ...(hoisted.size > 0
      ? { same_in_every_row: Object.fromEntries([...hoisted].map((c) => [c, records[0]?.[c] ?? null])) }
      : {}),
  };
}
