/**
 * A small SQL tokenizer for the data lake guard. It follows Snowflake's lexical rules (Panther runs Snowflake)
 * and refuses the few constructs that other engines (DuckDB, PostgreSQL) read differently, so that the guard
 * and whichever engine runs the query always agree on where strings, comments and statements begin and end:
 *
 * - a backslash-escaped quote inside a string (`'it\'s'`): Snowflake continues the string, standard SQL ends it;
 * - a block comment opened inside a block comment: PostgreSQL and DuckDB nest them, Snowflake does not;
 * - `//`: a line comment in Snowflake, an operator elsewhere;
 * - tagged dollar quotes (`$tag$ … $tag$`): a string in PostgreSQL and DuckDB, not in Snowflake.
 *
 * No regular expression is run over the SQL text: the scanner walks it one character at a time.
 */

export type TokenKind =
  /** An unquoted identifier or keyword (`SELECT`, `p_event_time`, `system$typeof`). */
  | 'word'
  /** A double-quoted identifier (`"account"`). */
  | 'quoted'
  /** A single-quoted or `$$`-quoted string literal. */
  | 'string'
  | 'number'
  /** `$1` (positional column) or `$name` (session variable). */
  | 'variable'
  /** Parentheses, brackets, braces, comma, semicolon, dot. */
  | 'punct'
  /** Everything else: `=`, `<=`, `::`, `:`, `||`, `->`, `=>`, `@` … */
  | 'operator'
  | 'comment'
  | 'space';

export interface Token {
  readonly kind: TokenKind;
  /** The exact source text; joining every token's text gives back the SQL. */
  readonly text: string;
  /**
   * word: upper-cased text; quoted: the identifier with `""` unescaped; string: the literal's value;
   * other kinds: the text.
   */
  readonly value: string;
  /** Offset of the first character in the SQL. */
  readonly start: number;
}

export class SqlSyntaxError extends Error {
  override readonly name = 'SqlSyntaxError';
  readonly position: number;
  /** The tokens read before the error (lets the guard name the statement in its message). */
  tokens: readonly Token[] = [];

  constructor(message: string, position: number) {
    super(message);
    this.position = position;
  }
}

const PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', ';', '.']);
// Longest first: the scanner takes the first that matches.
const OPERATORS = [
  '->>',
  '::',
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '=>',
  '->',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  ':',
  '|',
  '&',
  '^',
  '~',
  '!',
  '@',
  '?',
];

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isIdentStart(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_') return true;
  // Letters outside ASCII (Snowflake accepts them in unquoted identifiers).
  return ch.charCodeAt(0) > 127 && ch.toLowerCase() !== ch.toUpperCase();
}

function isIdentPart(ch: string | undefined): boolean {
  return isIdentStart(ch) || isDigit(ch) || ch === '$';
}

/** Splits SQL into tokens. Throws `SqlSyntaxError` for unterminated or ambiguous constructs. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  try {
    scan(sql, tokens);
  } catch (error) {
    if (error instanceof SqlSyntaxError) error.tokens = tokens;
    throw error;
  }
  return tokens;
}

function scan(sql: string, tokens: Token[]): void {
  let i = 0;
  const n = sql.length;

  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start });
  };

  while (i < n) {
    const start = i;
    const ch = sql[i] as string;
    const next = sql[i + 1];

    if (isSpace(ch)) {
      while (i < n && isSpace(sql[i] as string)) i++;
      push('space', start, i);
      continue;
    }

    if (ch === '-' && next === '-') {
      // Ends at a carriage return too (PostgreSQL-family lexers do), so no engine sees code the guard took for comment.
      while (i < n && sql[i] !== '\n' && sql[i] !== '\r') i++;
      push('comment', start, i);
      continue;
    }

    if (ch === '/' && next === '/') {
      throw new SqlSyntaxError(
        "'//' is a comment in Snowflake but an operator in other engines; use -- or /* */ for comments",
        start,
      );
    }

    if (ch === '/' && next === '*') {
      i += 2;
      for (;;) {
        if (i >= n) throw new SqlSyntaxError('unterminated /* comment', start);
        if (sql[i] === '*' && sql[i + 1] === '/') {
          i += 2;
          break;
        }
        if (sql[i] === '/' && sql[i + 1] === '*') {
          throw new SqlSyntaxError(
            "nested '/*' inside a block comment is not allowed (engines disagree on where it ends)",
            i,
          );
        }
        i++;
      }
      push('comment', start, i);
      continue;
    }

    if (ch === "'") {
      i++;
      let value = '';
      for (;;) {
        if (i >= n) throw new SqlSyntaxError('unterminated string literal', start);
        const c = sql[i] as string;
        if (c === '\\') {
          const escaped = sql[i + 1];
          if (escaped === undefined) throw new SqlSyntaxError('unterminated string literal', start);
          if (escaped === "'") {
            throw new SqlSyntaxError(
              "a backslash-escaped quote (\\') in a string is read differently by different engines; write '' instead",
              i,
            );
          }
          value += c + escaped;
          i += 2;
          continue;
        }
        if (c === "'") {
          if (sql[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      push('string', start, i, value);
      continue;
    }

    if (ch === '"') {
      i++;
      let value = '';
      for (;;) {
        if (i >= n) throw new SqlSyntaxError('unterminated quoted identifier', start);
        const c = sql[i] as string;
        if (c === '"') {
          if (sql[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (value === '') throw new SqlSyntaxError('empty quoted identifier ""', start);
      push('quoted', start, i, value);
      continue;
    }

    if (ch === '$') {
      if (next === '$') {
        const close = sql.indexOf('$$', i + 2);
        if (close < 0) throw new SqlSyntaxError('unterminated $$ string', start);
        i = close + 2;
        push('string', start, i, sql.slice(start + 2, close));
        continue;
      }
      if (isDigit(next)) {
        i++;
        while (isDigit(sql[i])) i++;
        push('variable', start, i);
        continue;
      }
      if (isIdentStart(next)) {
        i++;
        while (isIdentPart(sql[i]) && sql[i] !== '$') i++;
        if (sql[i] === '$') {
          throw new SqlSyntaxError(
            'tagged dollar quotes ($tag$ … $tag$) are not supported; use $$ … $$',
            start,
          );
        }
        push('variable', start, i);
        continue;
      }
      throw new SqlSyntaxError("unexpected '$'", start);
    }

    if (isDigit(ch) || (ch === '.' && isDigit(next))) {
      while (isDigit(sql[i])) i++;
      if (sql[i] === '.') {
        i++;
        while (isDigit(sql[i])) i++;
      }
      if (sql[i] === 'e' || sql[i] === 'E') {
        const sign = sql[i + 1] === '+' || sql[i + 1] === '-' ? 1 : 0;
        if (isDigit(sql[i + 1 + sign])) {
          i += 1 + sign;
          while (isDigit(sql[i])) i++;
        }
      }
      if (isIdentStart(sql[i])) {
        throw new SqlSyntaxError(`unexpected '${sql[i]}' right after the number ${sql.slice(start, i)}`, i);
      }
      push('number', start, i);
      continue;
    }

    if (isIdentStart(ch)) {
      while (isIdentPart(sql[i])) i++;
      push('word', start, i, sql.slice(start, i).toUpperCase());
      continue;
    }

    if (PUNCT.has(ch)) {
      i++;
      push('punct', start, i);
      continue;
    }

    const op = OPERATORS.find((candidate) => sql.startsWith(candidate, i));
    if (op !== undefined) {
      i += op.length;
      push('operator', start, i);
      continue;
    }

    throw new SqlSyntaxError(`unexpected character '${ch}'`, start);
  }
}

/** True for tokens that carry meaning (not whitespace or comments). */
export function isSignificant(token: Token): boolean {
  return token.kind !== 'space' && token.kind !== 'comment';
}
