/**
 * Cheap translation of the Snowflake syntax people write for Panther into DuckDB:
 *   col:field.sub / col:"a.b"[0]      → json_extract_string(col, '$.field.sub')
 *   ::VARIANT, ::OBJECT, ::TIMESTAMP_NTZ, ::NUMBER → DuckDB types
 *   ARRAY_CONTAINS(x::VARIANT, arr)   → list_contains(arr, x)
 *   ARRAY_SIZE, IFF, PARSE_JSON, DATEADD, DATEDIFF, CURRENT_TIMESTAMP()
 *   'it\'s', 'C:\\temp', '\x41'              → 'it''s', 'C:\temp', 'A' (Snowflake's backslash escapes)
 * Anything else passes through; DuckDB's own error then tells the caller what it did not understand.
 */
import { isIdentPart, isIdentStart, rewriteCalls, skipNonCode } from './sqlScan.js';

const TYPES: Record<string, string> = {
  variant: 'JSON',
  object: 'JSON',
  array: 'JSON',
  timestamp_ntz: 'TIMESTAMP',
  timestamp_ltz: 'TIMESTAMP',
  timestamp_tz: 'TIMESTAMPTZ',
  number: 'DOUBLE',
  string: 'VARCHAR',
  text: 'VARCHAR',
};

const DATE_PARTS = new Set([
  'year',
  'quarter',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
  'millisecond',
  'microsecond',
]);

function datePart(raw: string): string {
  const unit = raw.replace(/['"]/g, '').toLowerCase().replace(/s$/, '');
  const alias: Record<string, string> = {
    d: 'day',
    h: 'hour',
    hh: 'hour',
    mi: 'minute',
    mm: 'month',
    ss: 'second',
  };
  const part = alias[unit] ?? unit;
  if (!DATE_PARTS.has(part)) throw new SyntaxError(`unsupported date part ${raw}`);
  return part;
}

function stripVariantCast(expr: string): string {
  return expr.replace(/::\s*(variant|json|string|varchar)\s*$/i, '');
}

function translateFunctions(sql: string): string {
  return rewriteCalls(
    sql,
    /^(array_contains|array_size|iff|parse_json|try_parse_json|dateadd|timeadd|timestampadd|datediff|current_timestamp)$/i,
    (fn, rawArgs) => {
      const args = rawArgs.map(translate);
      switch (fn.toLowerCase()) {
        case 'array_contains':
          return `list_contains(${args[1]}, ${stripVariantCast(args[0] ?? 'NULL')})`;
        case 'array_size':
          return `len(${args.join(', ')})`;
        case 'iff':
          return `if(${args.join(', ')})`;
        case 'parse_json':
          return `json(${args.join(', ')})`;
        case 'try_parse_json':
          return `try_cast(${args[0]} AS JSON)`;
        case 'dateadd':
        case 'timeadd':
        case 'timestampadd':
          return `(CAST(${args[2]} AS TIMESTAMP) + INTERVAL (${args[1]}) ${datePart(args[0] ?? '')})`;
        case 'datediff':
          return `date_diff('${datePart(args[0] ?? '')}', ${args[1]}, ${args[2]})`;
        default:
          return args.length === 0 ? 'CURRENT_TIMESTAMP' : `${fn}(${args.join(', ')})`;
      }
    },
  );
}

/** Reads one path element after `:`, `.` or `[`; returns [json path text, end index] or undefined. */
function pathElement(sql: string, i: number): [string, number] | undefined {
  if (sql[i] === '"') {
    const end = sql.indexOf('"', i + 1);
    if (end === -1) return undefined;
    return [`."${sql.slice(i + 1, end)}"`, end + 1];
  }
  if (isIdentStart(sql[i])) {
    let j = i;
    while (isIdentPart(sql[j])) j++;
    return [`.${sql.slice(i, j)}`, j];
  }
  return undefined;
}

function translatePaths(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipNonCode(sql, i);
    if (skipped !== i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    // A cast: ::type
    if (sql[i] === ':' && sql[i + 1] === ':') {
      const m = /^::\s*([A-Za-z_]+)/.exec(sql.slice(i));
      const mapped = m === null ? undefined : TYPES[m[1]!.toLowerCase()];
      out += mapped === undefined ? '::' : `::${mapped}`;
      i += mapped === undefined ? 2 : m![0].length;
      continue;
    }
    if (isIdentStart(sql[i]) && !isIdentPart(sql[i - 1])) {
      let j = i;
      while (isIdentPart(sql[j]) || (sql[j] === '.' && isIdentStart(sql[j + 1]))) j++;
      const base = sql.slice(i, j);
      if (sql[j] === ':' && sql[j + 1] !== ':' && sql[j + 1] !== '=') {
        let path = '$';
        let k = j;
        let ok = true;
        let first = true;
        while (ok) {
          if ((sql[k] === ':' && first) || (sql[k] === '.' && !first)) {
            const element = pathElement(sql, k + 1);
            if (element === undefined) {
              ok = false;
              break;
            }
            path += element[0];
            k = element[1];
            first = false;
          } else if (sql[k] === '[' && !first) {
            const m = /^\[(\d+)\]/.exec(sql.slice(k));
            if (m === null) break;
            path += `[${m[1]}]`;
            k += m[0].length;
          } else break;
        }
        if (ok && !first) {
          out += `json_extract_string(${base}, '${path.replace(/'/g, "''")}')`;
          i = k;
          continue;
        }
      }
      out += base;
      i = j;
      continue;
    }
    out += sql[i];
    i++;
  }
  return out;
}

function translate(sql: string): string {
  return translatePaths(translateFunctions(sql));
}

const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
};

/**
 * The value of a Snowflake single-quoted literal (`'it\'s'` → `it's`), quotes included in `text`; undefined when
 * `text` is not one whole literal.
 */
export function snowflakeStringValue(text: string): string | undefined {
  let out = '';
  const end = text.length - 1;
  if (text[0] !== "'" || end < 1) return undefined;
  for (let i = 1; i <= end; i++) {
    const ch = text[i] as string;
    if (ch === "'") {
      if (i === end) return out;
      if (text[i + 1] !== "'") return undefined;
      out += "'";
      i++;
      continue;
    }
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = text[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4))?.[0];
    const hex = next === 'x' ? /^[0-9a-fA-F]{2}/.exec(text.slice(i + 2, i + 4))?.[0] : undefined;
    const unicode = next === 'u' ? /^[0-9a-fA-F]{4}/.exec(text.slice(i + 2, i + 6))?.[0] : undefined;
    if (octal !== undefined) {
      out += String.fromCharCode(Number.parseInt(octal, 8));
      i += 3;
    } else if (hex !== undefined) {
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 3;
    } else if (unicode !== undefined) {
      out += String.fromCharCode(Number.parseInt(unicode, 16));
      i += 5;
    } else {
      // \\ \' \" and the letters above; before any other character the backslash is dropped.
      out += SIMPLE_ESCAPES[next] ?? next;
      i++;
    }
  }
  return undefined;
}

/**
 * Snowflake reads backslash escapes in single-quoted strings; DuckDB reads a backslash as itself. Each literal
 * that holds a backslash is written again by its value (a prefixed one, such as X'41', is left alone).
 */
function unescapeStrings(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const end = skipNonCode(sql, i);
    if (end === i) {
      out += sql[i];
      i++;
      continue;
    }
    const text = sql.slice(i, end);
    const value =
      sql[i] === "'" && text.includes('\\') && !isIdentPart(sql[i - 1])
        ? snowflakeStringValue(text)
        : undefined;
    out += value === undefined ? text : `'${value.replaceAll("'", "''")}'`;
    i = end;
  }
  return out;
}

export function translateSnowflake(sql: string): string {
  return unescapeStrings(translate(sql));
}
