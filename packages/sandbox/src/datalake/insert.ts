import { type DuckSession, sqlString, sqlTimestamp } from '../store/duck.js';
import type { ColumnDef, TableDef } from './tables.js';

const CHUNK = 5000;

function structureType(type: ColumnDef['type']): unknown {
  return type === 'VARCHAR[]' ? ['VARCHAR'] : type;
}

function jsonValue(value: unknown, type: ColumnDef['type']): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'TIMESTAMP') return value instanceof Date ? sqlTimestamp(value) : String(value);
  if (type === 'JSON' || (type === 'VARCHAR' && typeof value !== 'string')) return JSON.stringify(value);
  return value;
}

/**
 * Inserts JS rows (missing columns become NULL) as one JSON document per chunk, which DuckDB parses far
 * faster than thousands of SQL literals. For small data: bulk data is generated in SQL.
 */
export async function insertRows(
  session: DuckSession,
  table: TableDef,
  rows: readonly Record<string, unknown>[],
) {
  const structure = JSON.stringify(
    Object.fromEntries(table.columns.map((c) => [c.name, structureType(c.type)])),
  );
  const names = table.columns.map((c) => `"${c.name}"`).join(', ');
  // JSON columns travel as strings inside the document and are cast back.
  const select = table.columns
    .map((c) => (c.type === 'JSON' ? `CAST(r."${c.name}" AS JSON)` : `r."${c.name}"`))
    .join(', ');
  const textStructure = structure.replace(/"JSON"/g, '"VARCHAR"');
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows
      .slice(start, start + CHUNK)
      .map((row) => Object.fromEntries(table.columns.map((c) => [c.name, jsonValue(row[c.name], c.type)])));
    await session.run(
      `INSERT INTO ${table.database}.public.${table.name} (${names})
       SELECT ${select} FROM (SELECT unnest(json_transform(?::JSON, ${sqlString(`[${textStructure}]`)})) AS r)`,
      [JSON.stringify(chunk)],
    );
  }
}
