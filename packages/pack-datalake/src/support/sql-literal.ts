/**
 * SQL literals for values the pack puts into SQL: alert ids in get_alert_event_stats, and every parameter value of
 * a query tool. This is the one routine that turns a value into Snowflake SQL text; nothing else pastes values.
 *
 * Snowflake's single-quoted string: `''` is a quote and a backslash starts an escape (`\\`, `\'`, `\n`, `\x41`,
 * `\u0041` …), so a value is written with every quote doubled and every backslash doubled. That gives the same
 * boundaries in Snowflake and in standard SQL (where a backslash is a plain character): the literal always ends at
 * its own closing quote, whatever the value holds. Everything else is plain text inside the literal:
 * - `$$` opens a dollar-quoted string only outside a literal;
 * - `--`, `/*`, `;`, `UNION`, `SYSTEM$…` are characters of the value;
 * - Unicode quote look-alikes (`’` U+2019, `ʼ` U+02BC, `＇` U+FF07 …) are not quotes to Snowflake's lexer and
 *   are kept as they are, so a search for `O’Brien` finds `O’Brien`.
 * Values that cannot be written faithfully are refused instead: control characters other than tab, line feed and
 * carriage return (NUL ends strings in some drivers; the others have no place in a search value and can hide text
 * in logs), and lone UTF-16 surrogates (not text; they would reach Panther as U+FFFD).
 */

/** Why a value cannot be bound: the first offending character and where it is. */
export interface UnbindableCharacter {
  /** Offset in the value (UTF-16 code units). */
  readonly index: number;
  /** `U+0000` */
  readonly codePoint: string;
  readonly reason: 'control character' | 'lone surrogate';
}

export class UnbindableValueError extends Error {
  override readonly name = 'UnbindableValueError';
  readonly found: UnbindableCharacter;

  constructor(found: UnbindableCharacter) {
    super(describeUnbindable(found));
    this.found = found;
  }
}

const codePointLabel = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

function isRefusedControl(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** The first character of `value` that no literal may hold, or undefined when every character is fine. */
export function unbindableCharacter(value: string): UnbindableCharacter | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (isRefusedControl(code))
      return { index, codePoint: codePointLabel(code), reason: 'control character' };
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return { index, codePoint: codePointLabel(code), reason: 'lone surrogate' };
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      return { index, codePoint: codePointLabel(code), reason: 'lone surrogate' };
    }
  }
  return undefined;
}

/** "must not contain control characters (U+0000 at position 3)": for errors that name the argument. */
export function describeUnbindable(found: UnbindableCharacter): string {
  const what = found.reason === 'control character' ? 'control characters' : 'lone surrogate code units';
  return `must not contain ${what} (${found.codePoint} at position ${found.index}); tab, line feed and carriage return are allowed`;
}

/** A Snowflake string literal whose value is exactly `value`. Throws `UnbindableValueError` (see above). */
export function sqlStringLiteral(value: string): string {
  const found = unbindableCharacter(value);
  if (found) throw new UnbindableValueError(found);
  let out = "'";
  for (const ch of value) {
    if (ch === "'") out += "''";
    else if (ch === '\\') out += '\\\\';
    else out += ch;
  }
  return `${out}'`;
}

/**
 * A number literal for a safe integer. A negative number is parenthesised: after a `-` in the SQL (`x-{{n}}`),
 * `-5` would make `--5`, a comment.
 */
export function sqlIntegerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer`);
  // -0 prints as 0.
  return value < 0 ? `(${value})` : String(Math.abs(value));
}

/** `2024-05-01 00:00:00.000` (UTC), the form Panther's p_event_time compares with. */
export function sqlTimestamp(date: Date): string {
  return `CAST(${sqlStringLiteral(date.toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP)`;
}
