/** A small SQL scanner: finds code between string literals, quoted identifiers and comments. */

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

export function isIdentStart(ch: string | undefined): boolean {
  return ch !== undefined && IDENT_START.test(ch);
}

export function isIdentPart(ch: string | undefined): boolean {
  return ch !== undefined && IDENT_PART.test(ch);
}

/** If a string literal, quoted identifier or comment starts at `i`, the index just after it; else `i`. */
export function skipNonCode(sql: string, i: number): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === ch) {
        if (sql[j + 1] === ch) j += 2;
        else return j + 1;
      } else if (ch === "'" && sql[j] === '\\') j += 2;
      else j++;
    }
    return sql.length;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  return i;
}

export interface CallArgs {
  /** Raw text of each argument, trimmed. */
  args: string[];
  /** Index just after the closing parenthesis. */
  end: number;
}

/** Reads the arguments of a call whose `(` is at `open`; strings and nested calls are kept whole. */
export function readArgs(sql: string, open: number): CallArgs {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let i = open;
  while (i < sql.length) {
    const skipped = skipNonCode(sql, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const ch = sql[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) {
        const last = sql.slice(start, i).trim();
        if (last !== '' || args.length > 0) args.push(last);
        return { args, end: i + 1 };
      }
    } else if (ch === ',' && depth === 1) {
      args.push(sql.slice(start, i).trim());
      start = i + 1;
    }
    i++;
  }
  throw new SyntaxError('unbalanced parentheses');
}

/** The value of a single-quoted literal (`'6 d'` → `6 d`), or undefined when `text` is not one. */
export function stringLiteral(text: string): string | undefined {
  const m = /^'((?:[^']|'')*)'$/s.exec(text.trim());
  return m === null ? undefined : m[1]!.replace(/''/g, "'");
}

/**
 * Rewrites every call of a function matched by `name` (case-insensitive, in code only) with `replace`,
 * which receives the raw arguments.
 */
export function rewriteCalls(
  sql: string,
  name: RegExp,
  replace: (fn: string, args: string[]) => string,
): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipNonCode(sql, i);
    if (skipped !== i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    if (isIdentStart(sql[i]) && !isIdentPart(sql[i - 1]) && sql[i - 1] !== '.') {
      let j = i;
      while (isIdentPart(sql[j])) j++;
      const word = sql.slice(i, j);
      let k = j;
      while (sql[k] === ' ' || sql[k] === '\t' || sql[k] === '\n') k++;
      if (sql[k] === '(' && name.test(word)) {
        const { args, end } = readArgs(sql, k);
        out += replace(word, args);
        i = end;
        continue;
      }
      out += word;
      i = j;
      continue;
    }
    out += sql[i];
    i++;
  }
  return out;
}
