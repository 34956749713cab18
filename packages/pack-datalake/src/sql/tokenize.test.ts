import { describe, expect, it } from 'vitest';
import { isSignificant, SqlSyntaxError, tokenize } from './tokenize.js';

const kinds = (sql: string) =>
  tokenize(sql)
    .filter(isSignificant)
    .map((token) => `${token.kind}:${token.value}`);

describe('tokenize', () => {
  it('splits words, numbers, operators and punctuation, upper-casing words', () => {
    expect(kinds('select a.b, 1.5e3 from t where x >= .5')).toEqual([
      'word:SELECT',
      'word:A',
      'punct:.',
      'word:B',
      'punct:,',
      'number:1.5e3',
      'word:FROM',
      'word:T',
      'word:WHERE',
      'word:X',
      'operator:>=',
      'number:.5',
    ]);
  });

  it("reads '' inside a string as one quote and keeps semicolons inside strings", () => {
    const [, literal] = tokenize("SELECT 'it''s; DROP TABLE x'").filter(isSignificant);
    expect(literal).toMatchObject({ kind: 'string', value: "it's; DROP TABLE x" });
  });

  it('reads double-quoted identifiers with "" escapes', () => {
    const [, quoted] = tokenize('SELECT "a""b; c"').filter(isSignificant);
    expect(quoted).toMatchObject({ kind: 'quoted', value: 'a"b; c' });
  });

  it('reads $$ strings, $1 positions and $variables', () => {
    expect(kinds('SELECT $$a;b$$, $1, $var')).toEqual([
      'word:SELECT',
      'string:a;b',
      'punct:,',
      'variable:$1',
      'punct:,',
      'variable:$var',
    ]);
  });

  it('keeps comments as tokens, ending -- comments at a line break', () => {
    const tokens = tokenize('SELECT 1 -- c; DROP\n/* x; y */ ;');
    expect(tokens.filter((t) => t.kind === 'comment').map((t) => t.text)).toEqual([
      '-- c; DROP',
      '/* x; y */',
    ]);
    expect(tokens.filter(isSignificant).map((t) => t.value)).toEqual(['SELECT', '1', ';']);
  });

  it('ends a -- comment at a carriage return too', () => {
    expect(kinds('SELECT 1 -- x\r; DROP TABLE t').slice(2)).toEqual([
      'punct:;',
      'word:DROP',
      'word:TABLE',
      'word:T',
    ]);
  });

  it('gives back the exact text when the tokens are joined', () => {
    const sql = "SELECT \"x\", 'y''z' /* c */ -- d\nFROM t::int;";
    expect(
      tokenize(sql)
        .map((t) => t.text)
        .join(''),
    ).toBe(sql);
  });

  it.each([
    ["SELECT 'abc", 'unterminated string literal'],
    ['SELECT "abc', 'unterminated quoted identifier'],
    ['SELECT 1 /* x', 'unterminated /* comment'],
    ['SELECT $$x', 'unterminated $$ string'],
    ["SELECT 'a\\'; DROP TABLE t; --'", 'backslash-escaped quote'],
    ['SELECT 1 /* /* */ ; DROP TABLE t; -- */', "nested '/*'"],
    ['SELECT 1 // ; DROP TABLE t', "'//'"],
    ['SELECT $a$ ; DROP TABLE t; $a$', 'tagged dollar quotes'],
    ['SELECT 1 # comment', "unexpected character '#'"],
    ['SELECT 1abc', "unexpected 'a' right after the number"],
  ])('refuses %s', (sql, message) => {
    expect(() => tokenize(sql)).toThrow(SqlSyntaxError);
    expect(() => tokenize(sql)).toThrow(message);
  });

  it('accepts a backslash that escapes something other than a quote', () => {
    const [, literal] = tokenize("SELECT 'a\\\\'").filter(isSignificant);
    expect(literal).toMatchObject({ kind: 'string', value: 'a\\\\' });
  });
});
