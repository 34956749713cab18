import { describe, expect, it } from 'vitest';
import { decodeSnowflakeEscapes, resolvedName, splitQualifiedName, stringValue } from './names.js';
import { isSignificant, tokenize } from './tokenize.js';

const first = (sql: string) => tokenize(sql).filter(isSignificant)[0]!;

describe('resolvedName', () => {
  it('upper-cases unquoted names and keeps quoted ones as written', () => {
    expect(resolvedName(first('system$Abort'))).toBe('SYSTEM$ABORT');
    expect(resolvedName(first('"system$Abort"'))).toBe('system$Abort');
    expect(resolvedName(first('"a""b"'))).toBe('a"b');
  });
});

describe('decodeSnowflakeEscapes', () => {
  it.each([
    ['SYSTEM\\u0024X', 'SYSTEM$X'],
    ['\\x53YSTEM', 'SYSTEM'],
    ['\\123YSTEM', 'SYSTEM'],
    ['a\\tb\\nc', 'a\tb\nc'],
    ['\\z\\\\', 'z\\'],
    ['\\x4', 'x4'],
    ['\\u12', 'u12'],
    ['trailing\\', 'trailing\\'],
  ])('reads %s as %s', (raw, value) => {
    expect(decodeSnowflakeEscapes(raw)).toBe(value);
  });

  it('leaves $$ strings alone', () => {
    expect(stringValue(first('$$a\\x41$$'))).toBe('a\\x41');
    expect(stringValue(first("'a\\x41'"))).toBe('aA');
  });
});

describe('splitQualifiedName', () => {
  it.each([
    ['panther_logs.public.t', ['PANTHER_LOGS', 'PUBLIC', 'T']],
    ['"db"."My.Table"', ['db', 'My.Table']],
    [' a . "b""c" ', ['A', 'b"c']],
    ['"unterminated', ['unterminated']],
    ['', ['']],
  ])('splits %s', (value, parts) => {
    expect(splitQualifiedName(value)).toEqual(parts);
  });
});
