import { sqlLiteral, sqlString } from '../store/duck.js';

export function stringList(items: readonly string[]): string {
  return `[${items.map(sqlString).join(', ')}]`;
}

/**
 * A small dimension table `name(idx, ...)` from JS rows, each repeated `weight` times, for joining on
 * `idx = hash(...) % size`. Joining is much faster than picking from a list literal of structs per row.
 */
export function dimSql(
  name: string,
  rows: readonly (readonly [Record<string, unknown>, number])[],
): { sql: string; size: number } {
  const expanded: Record<string, unknown>[] = [];
  for (const [row, weight] of rows) for (let i = 0; i < weight; i++) expanded.push(row);
  const columns = Object.keys(expanded[0] ?? {});
  const values = expanded.map(
    (row, idx) => `(${[String(idx), ...columns.map((c) => dimLiteral(row[c]))].join(', ')})`,
  );
  return {
    sql: `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM (VALUES ${values.join(', ')}) t(idx, ${columns.map((c) => `"${c}"`).join(', ')})`,
    size: expanded.length,
  };
}

function dimLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL::VARCHAR';
  if (typeof value === 'object' && !Array.isArray(value)) return `${sqlString(JSON.stringify(value))}::JSON`;
  return sqlLiteral(value);
}

/**
 * Per-row random helpers for set-based generation: every value is a hash of (row, seed, key), so the
 * same seed gives the same rows whatever the thread count.
 */
export function randomMacrosSql(seed: number, now: Date, windowMs: number): string {
  const nowLiteral = `TIMESTAMP ${sqlString(now.toISOString().replace('T', ' ').replace('Z', ''))}`;
  return [
    `CREATE OR REPLACE TEMP MACRO rnd(i, k) AS (hash(i, ${seed}, k) % 1000000)::DOUBLE / 1000000`,
    `CREATE OR REPLACE TEMP MACRO rint(i, k, n) AS (hash(i, ${seed}, k) % n)::BIGINT`,
    `CREATE OR REPLACE TEMP MACRO pick(l, i, k) AS l[1 + (hash(i, ${seed}, k) % len(l))::BIGINT]`,
    `CREATE OR REPLACE TEMP MACRO age_ts(i, k) AS ${nowLiteral} - to_milliseconds((hash(i, ${seed}, k) % ${windowMs})::BIGINT)`,
    `CREATE OR REPLACE TEMP MACRO hexid(i, k) AS md5(concat_ws('|', ${seed}, k, i))`,
    `CREATE OR REPLACE TEMP MACRO uid(i, k) AS regexp_replace(md5(concat_ws('|', ${seed}, k, i)), '^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\\1-\\2-\\3-\\4-\\5')`,
  ].join(';\n');
}
