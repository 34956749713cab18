/** A compact table as the packs send it: `{ columns, rows }`, rows in column order. */
export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** The value as a table, or undefined when it is not one. */
export function tableOf(value: unknown): TableData | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { columns, rows } = value as { columns?: unknown; rows?: unknown };
  if (!Array.isArray(columns) || !Array.isArray(rows)) return undefined;
  if (!columns.every((c) => typeof c === 'string') || !rows.every(Array.isArray)) return undefined;
  return { columns: columns as string[], rows: rows as unknown[][] };
}
