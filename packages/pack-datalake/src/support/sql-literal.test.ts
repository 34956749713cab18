import { describe, expect, it } from 'vitest';
import { tokenize } from '../sql/tokenize.js';
import { HOSTILE_STRINGS } from '../testdata/hostile.js';
import {
  sqlIntegerLiteral,
  sqlStringLiteral,
  UnbindableValueError,
  unbindableCharacter,
} from './sql-literal.js';

/** The value Snowflake reads from a single-quoted literal (only the escapes the routine writes: '' and \\). */
function snowflakeValue(literal: string): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  let out = '';
  for (let i = 1; i < literal.length - 1; i++) {
    const ch = literal[i] as string;
    if (ch === '\\' || ch === "'") {
      expect(literal[i + 1]).toBe(ch);
      i++;
    }
    out += ch;
  }
  return out;
}

describe('sqlStringLiteral', () => {
  it.each(
    HOSTILE_STRINGS.map((value) => [
      value.length > 60 ? `${value.slice(0, 20)}… (${value.length})` : value,
      value,
    ]),
  )('writes %j as one literal holding exactly the value', (_label, value) => {
    const literal = sqlStringLiteral(value);
    const tokens = tokenize(literal);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.kind).toBe('string');
    expect(snowflakeValue(literal)).toBe(value);
  });

  it('keeps the boundary in a statement: the value never adds a token', () => {
    for (const value of HOSTILE_STRINGS) {
      const sql = `SELECT 1 FROM t WHERE a = ${sqlStringLiteral(value)} AND b = 2`;
      const kinds = tokenize(sql)
        .filter((t) => t.kind !== 'space')
        .map((t) => t.kind);
      expect(kinds).toEqual([
        'word',
        'number',
        'word',
        'word',
        'word',
        'word',
        'operator',
        'string',
        'word',
        'word',
        'operator',
        'number',
      ]);
    }
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000 at position 1'],
    ['escape', '\u001b[31mred', 'U+001B at position 0'],
    ['DEL', 'x\u007f', 'U+007F at position 1'],
    ['C1 control', '\u0085', 'U+0085 at position 0'],
    ['lone high surrogate', 'a\ud83e', 'U+D83E at position 1'],
    ['lone low surrogate', '\udd94b', 'U+DD94 at position 0'],
  ])('refuses a %s', (_what, value, where) => {
    expect(() => sqlStringLiteral(value)).toThrow(UnbindableValueError);
    expect(() => sqlStringLiteral(value)).toThrow(where);
    expect(unbindableCharacter(value)).toBeDefined();
  });

  it('accepts tab, line feed, carriage return and surrogate pairs', () => {
    expect(unbindableCharacter('\t\n\r🦔')).toBeUndefined();
  });
});

describe('sqlIntegerLiteral', () => {
  it('parenthesises negative numbers, so x-{{n}} never becomes a comment', () => {
    expect(sqlIntegerLiteral(5)).toBe('5');
    expect(sqlIntegerLiteral(-5)).toBe('(-5)');
    expect(sqlIntegerLiteral(-0)).toBe('0');
    const tokens = tokenize(`SELECT 10-${sqlIntegerLiteral(-5)}`).map((t) => t.kind);
    expect(tokens).not.toContain('comment');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %s', (value) => {
    expect(() => sqlIntegerLiteral(value)).toThrow(RangeError);
  });
});
