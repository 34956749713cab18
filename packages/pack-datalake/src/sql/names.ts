/**
 * How Snowflake reads a name, so the guard decides on the name Snowflake will resolve and not on its spelling:
 * an unquoted identifier is folded to upper case, a double-quoted one is kept as written (with `""` read as `"`),
 * and a name given as a string (`IDENTIFIER('…')`, `TABLE('…')`) is read after Snowflake's backslash escapes
 * (`'SYSTEM\u0024ABORT_SESSION'` names SYSTEM$ABORT_SESSION) and then split into its dotted parts.
 */
import type { Token } from './tokenize.js';

/** The identifier a word or quoted token resolves to in Snowflake (upper case unless quoted). */
export function resolvedName(token: Token): string {
  return token.kind === 'quoted' ? token.value : token.text.toUpperCase();
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
};

function isOctal(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '7';
}

function hexAt(text: string, at: number, digits: number): number | undefined {
  const part = text.slice(at, at + digits);
  return part.length === digits && /^[0-9a-fA-F]+$/.test(part) ? Number.parseInt(part, 16) : undefined;
}

/**
 * The value Snowflake gives a single-quoted literal's content (the tokenizer keeps backslash sequences as
 * written): `\ooo` octal, `\xhh`, `\uhhhh`, `\b \f \n \r \t \0`, and any other escaped character stands for itself.
 */
export function decodeSnowflakeEscapes(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const next = raw[i + 1] as string;
    if (isOctal(next) && isOctal(raw[i + 2]) && isOctal(raw[i + 3])) {
      out += String.fromCharCode(Number.parseInt(raw.slice(i + 1, i + 4), 8));
      i += 3;
      continue;
    }
    const hex = next === 'x' ? hexAt(raw, i + 2, 2) : next === 'u' ? hexAt(raw, i + 2, 4) : undefined;
    if (hex !== undefined) {
      out += String.fromCharCode(hex);
      i += next === 'x' ? 3 : 5;
      continue;
    }
    out += SIMPLE_ESCAPES[next] ?? next;
    i++;
  }
  return out;
}

/** The value of a string token as Snowflake reads it (`$$` strings have no escapes). */
export function stringValue(token: Token): string {
  return token.text.startsWith("'") ? decodeSnowflakeEscapes(token.value) : token.value;
}

/**
 * The resolved parts of a dotted name given as a string (`panther_logs.public.t`, `"db"."My.Table"`): unquoted
 * parts upper case, quoted parts as written; a dot inside quotes does not split.
 */
export function splitQualifiedName(value: string): string[] {
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    while (value[i] === ' ') i++;
    let part = '';
    if (value[i] === '"') {
      i++;
      for (; i < value.length; i++) {
        if (value[i] === '"') {
          if (value[i + 1] !== '"') break;
          i++;
        }
        part += value[i];
      }
      i++;
      while (i < value.length && value[i] !== '.') i++;
    } else {
      const dot = value.indexOf('.', i);
      const end = dot < 0 ? value.length : dot;
      part = value.slice(i, end).trim().toUpperCase();
      i = end;
    }
    parts.push(part);
    if (i >= value.length) return parts;
    i++; // the dot
  }
}
