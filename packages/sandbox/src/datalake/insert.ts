import { type DuckSession, sqlString, sqlTimestamp } from '../store/duck.js';
import type { ColumnDef, TableDef } from './tables.js';

const CHUNK = 250;

function literal(value: unknown, type: ColumnDef['type']): string {
  if (value === null || value === undefined) return 'NULL';
  switch (type) {
    case 'JSON':
      return `${sqlString(JSON.stringify(value))}::JSON`;
    case 'VARCHAR[]':
      return Array.isArray(value)
        ? `[${value.map((v) => sqlString(String(v))).join(', ')}]::VARCHAR[]`
        : 'NULL';
    case 'TIMESTAMP':
      return `TIMESTAMP ${sqlString(value instanceof Date ? sqlTimestamp(value) : String(value))}`;
    case 'BOOLEAN':
      return value ? 'TRUE' : 'FALSE';
    case 'INTEGER':
    case 'BIGINT':
    case 'DOUBLE':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : 'NULL';
    case 'VARCHAR':
      return sqlString(typeof value === 'string' ? value : JSON.stringify(value));
  }
}

/** Inserts JS rows (missing columns become NULL). For small data: bulk data is generated in SQL. */
export async function insertRows(
  session: DuckSession,
  table: TableDef,
  rows: readonly Record<string, unknown>[],
) {
  const names = table.columns.map((c) => `"${c.name}"`).join(', ');
  for (let start = 0; start < rows.length; start += CHUNK) {
    const values = rows
      .slice(start, start + CHUNK)
      .map((row) => `(${table.columns.map((c) => literal(row[c.name], c.type)).join(', ')})`)
      .join(',\n');
    await session.run(`INSERT INTO ${table.database}.public.${table.name} (${names}) VALUES ${values}`);
  }
}
