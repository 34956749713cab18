import type { DuckDBConnection, DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';

export type Row = Record<string, unknown>;

/**
 * One DuckDB connection used by many callers. A connection runs one statement at a time, so calls are
 * queued here instead of racing inside the engine.
 */
export class DuckSession {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly connection: DuckDBConnection) {}

  /** Rows as JSON-compatible objects (BIGINT and DECIMAL come back as strings; cast in SQL when needed). */
  rows<T extends Row = Row>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    return this.serial(async () => {
      const reader = await this.connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as T[];
    });
  }

  async one<T extends Row = Row>(sql: string, params: DuckDBValue[] = []): Promise<T | undefined> {
    return (await this.rows<T>(sql, params))[0];
  }

  /** The raw reader, when column types matter (see datalake/rows.ts). */
  reader(sql: string, params: DuckDBValue[] = []): Promise<DuckDBResultReader> {
    return this.serial(() => this.connection.runAndReadAll(sql, params));
  }

  run(sql: string, params: DuckDBValue[] = []): Promise<void> {
    return this.serial(async () => {
      await this.connection.run(sql, params);
    });
  }

  close(): void {
    this.connection.closeSync();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** A SQL string literal. Used where DuckDB cannot bind parameters (DDL, generated stories). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A SQL literal for a JS value: strings, numbers, booleans, null, string arrays, Dates and JSON objects. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return sqlString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return `TIMESTAMP ${sqlString(sqlTimestamp(value))}`;
  if (Array.isArray(value)) return `[${value.map(sqlLiteral).join(', ')}]::VARCHAR[]`;
  return `${sqlString(JSON.stringify(value))}::JSON`;
}

/** `YYYY-MM-DD HH:MM:SS.mmm`, the data lake's timestamp text (UTC, no T or Z). */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
