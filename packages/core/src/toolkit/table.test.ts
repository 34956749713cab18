import { describe, expect, it } from 'vitest';
import { isTable, recordsOf, table } from './table.js';

describe('table', () => {
  it('writes each column once and one row of values per record, absent values as null', () => {
    expect(
      table(
        [
          { id: 'a1', severity: 'HIGH', extra: 1 },
          { id: 'b2', status: 'OPEN' },
        ],
        ['id', 'severity', 'status'],
      ),
    ).toEqual({
      columns: ['id', 'severity', 'status'],
      rows: [
        ['a1', 'HIGH', null],
        ['b2', null, 'OPEN'],
      ],
    });
  });

  it('shortens long text values with a marker when asked, and nothing else', () => {
    const long = 'x'.repeat(50);
    expect(table([{ id: 'a', text: long, n: 12345 }], ['id', 'text', 'n'], { maxText: 10 }).rows).toEqual([
      ['a', `${'x'.repeat(10)}…[shortened: 40 of 50 characters left out]`, 12345],
    ]);
    expect(table([{ text: long }], ['text']).rows).toEqual([[long]]);
  });

  it('keeps falsy values and nested ones as they are', () => {
    expect(table([{ n: 0, ok: false, tags: ['x'] }], ['n', 'ok', 'tags']).rows).toEqual([[0, false, ['x']]]);
  });
});

describe('isTable', () => {
  it('recognises columns of names with rows', () => {
    expect(isTable({ columns: ['a'], rows: [[1]] })).toBe(true);
    expect(isTable({ columns: [], rows: [] })).toBe(true);
    expect(isTable({ columns: [1], rows: [] })).toBe(false);
    expect(isTable({ rows: [] })).toBe(false);
    expect(isTable([])).toBe(false);
    expect(isTable(null)).toBe(false);
  });
});

describe('recordsOf', () => {
  it('reads the rows back as records', () => {
    const records = [
      { id: 'a1', n: 1 },
      { id: 'b2', n: null },
    ];
    expect(recordsOf(table(records, ['id', 'n']))).toEqual(records);
  });
});
