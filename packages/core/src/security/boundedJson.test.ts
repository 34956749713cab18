import { describe, expect, it } from 'vitest';
import { boundedJson, nestingDepth } from './boundedJson.js';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('boundedJson', () => {
  it('copies plain JSON unchanged', () => {
    const value = { a: [1, 'two', null, true], b: { c: 'd' } };
    expect(boundedJson(value)).toEqual(value);
  });

  it('never throws, whatever the value: deep nesting, cycles, BigInt, getters that throw', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic['self'] = cyclic;
    const hostile = {
      get boom() {
        throw new Error('no');
      },
    };
    const out = boundedJson({ deep: nested(5_000), cyclic, big: 10n, hostile, fn: () => 1 });
    const text = JSON.stringify(out);
    expect(text).toContain('[object nested too deep]');
    expect(text).toContain('[circular]');
    expect(text).toContain('10n');
    expect(text).toContain('[unreadable]');
    expect(text.length).toBeLessThan(2_000);
  });

  it('caps strings, lists and keys with markers', () => {
    const out = boundedJson({ s: 'x'.repeat(5_000), list: Array.from({ length: 150 }, (_, i) => i) }) as {
      s: string;
      list: unknown[];
    };
    expect(out.s).toMatch(/…\[5000 chars\]$/);
    expect(out.list).toHaveLength(101);
    expect(out.list[100]).toBe('…[50 more items]');
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(boundedJson(many) as object)).toHaveLength(65);
  });
});

describe('nestingDepth', () => {
  it('measures arrays and objects, stopping early past the limit', () => {
    expect(nestingDepth('x', 10)).toBe(0);
    expect(nestingDepth({ a: [1, { b: 2 }] }, 10)).toBe(3);
    expect(nestingDepth(nested(100_000), 16)).toBe(17);
  });
});
