import { describe, expect, it } from 'vitest';
import { compact, pick } from './objects.js';

describe('pick', () => {
  it('keeps the present fields in the order asked for, null included', () => {
    expect(pick({ b: 2, a: 1, c: null, d: undefined, e: 5 }, ['a', 'b', 'c', 'd', 'x'])).toEqual({
      a: 1,
      b: 2,
      c: null,
    });
    expect(Object.keys(pick({ b: 2, a: 1 }, ['a', 'b']))).toEqual(['a', 'b']);
  });

  it('ignores inherited keys', () => {
    expect(pick({}, ['toString', 'constructor'])).toEqual({});
  });
});

describe('compact', () => {
  it('drops null, undefined and empty strings and keeps every other value, falsy ones included', () => {
    expect(compact({ a: null, b: undefined, c: '', d: 0, e: false, f: [], g: 'x' })).toEqual({
      d: 0,
      e: false,
      f: [],
      g: 'x',
    });
  });
});
