/** Lists of records as tables: the column names once, then one array of values per record. */
import { shortenText } from '../output/shorten.js';
import type { JsonObject } from './objects.js';

/** `columns` names each position of every row; an absent value is null. */
export interface Table {
  columns: string[];
  rows: unknown[][];
}

export interface TableOptions {
  /**
   * Text values longer than this are shortened with a marker saying how much was left out (for lists whose
   * `get_*` tool has the whole record). Default: none.
   */
  readonly maxText?: number;
}

/**
 * Records as a table of the given columns, in that order (absent values as null). A list of uniform records
 * costs about half the characters of the same records as objects, because each key is written once.
 */
export function table(
  records: readonly JsonObject[],
  columns: readonly string[],
  options: TableOptions = {},
): Table {
  const { maxText } = options;
  const cell = (value: unknown) =>
    maxText !== undefined && typeof value === 'string' ? shortenText(value, maxText) : (value ?? null);
  return {
    columns: [...columns],
    rows: records.map((record) => columns.map((column) => cell(record[column]))),
  };
}

/** Whether a value has the shape of a table (the host cuts its rows, never its columns). */
export function isTable(value: unknown): value is Table {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { columns, rows } = value as Partial<Table>;
  return Array.isArray(columns) && Array.isArray(rows) && columns.every((c) => typeof c === 'string');
}

/** A table's rows as records again (for tests and for code that reads a table another tool returned). */
export function recordsOf(value: Table): JsonObject[] {
  return value.rows.map((row) => Object.fromEntries(value.columns.map((column, i) => [column, row[i]])));
}
