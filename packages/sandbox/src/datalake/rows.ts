import { type DuckDBResultReader, type DuckDBType, DuckDBTypeId } from '@duckdb/node-api';

export interface JsonRows {
  columns: string[];
  /** Column name → a simple type name (string, number, timestamp, boolean, array, object, ...). */
  types: Record<string, string>;
  rows: Record<string, unknown>[];
}

const INTEGER_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

/** The simple type name a client sees in `columnInfo.types`. */
export function simpleType(type: DuckDBType): string {
  if (type.alias === 'JSON') return 'object';
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.ENUM:
      return 'string';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'number';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIME:
      return 'time';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return 'array';
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
      return 'object';
    default:
      return type.toString().toLowerCase();
  }
}

/**
 * Rows as plain JSON, the way Panther returns them: numbers as numbers (big integers stay exact as
 * strings), VARIANT (JSON) columns parsed, timestamps as `YYYY-MM-DD HH:MM:SS.ffffff`.
 */
export function toJsonRows(reader: DuckDBResultReader): JsonRows {
  const columns = reader.columnNames();
  const columnTypes = reader.columnTypes();
  const raw = reader.getRowObjectsJson();
  const types: Record<string, string> = {};
  columns.forEach((name, i) => {
    types[name] = simpleType(columnTypes[i]!);
  });
  const rows = raw.map((row) => {
    const out: Record<string, unknown> = {};
    columns.forEach((name, i) => {
      out[name] = convert(row[name], columnTypes[i]!);
    });
    return out;
  });
  return { columns, types, rows };
}

const TIMESTAMP_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
]);

/** `2025-04-23 17:07:00.1` → `2025-04-23 17:07:00.100`: a fixed shape, at least milliseconds. */
export function normaliseTimestamp(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(text);
  if (m === null) return text;
  return `${m[1]}.${(m[2] ?? '').padEnd(3, '0')}`;
}

function convert(value: unknown, type: DuckDBType): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && TIMESTAMP_IDS.has(type.typeId)) return normaliseTimestamp(value);
  if (type.alias === 'JSON' && typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  if (typeof value === 'string' && (INTEGER_IDS.has(type.typeId) || type.typeId === DuckDBTypeId.DECIMAL)) {
    const n = Number(value);
    return type.typeId === DuckDBTypeId.DECIMAL || Number.isSafeInteger(n) ? n : value;
  }
  return value;
}
