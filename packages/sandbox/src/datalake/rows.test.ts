import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { normaliseTimestamp, toJsonRows } from './rows.js';

describe('toJsonRows', () => {
  it('returns numbers, parsed VARIANT values, lists and fixed-shape timestamps', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT 42::BIGINT AS n, 1.5::DECIMAL(4,2) AS d,
        '{"a":{"b":1}}'::JSON AS j, ['x', 'y'] AS l, TIMESTAMP '2025-04-23 17:07:00.1' AS t,
        18446744073709551615::UBIGINT AS big, true AS b, NULL::VARCHAR AS s`);
      const { columns, types, rows } = toJsonRows(reader);
      expect(columns).toEqual(['n', 'd', 'j', 'l', 't', 'big', 'b', 's']);
      expect(types).toMatchObject({
        n: 'number',
        d: 'number',
        j: 'object',
        l: 'array',
        t: 'timestamp',
        b: 'boolean',
      });
      expect(rows[0]).toEqual({
        n: 42,
        d: 1.5,
        j: { a: { b: 1 } },
        l: ['x', 'y'],
        t: '2025-04-23 17:07:00.100',
        big: '18446744073709551615',
        b: true,
        s: null,
      });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('pads timestamp fractions to milliseconds at least', () => {
    expect(normaliseTimestamp('2025-04-23 17:07:00')).toBe('2025-04-23 17:07:00.000');
    expect(normaliseTimestamp('2025-04-23 17:07:00.123456')).toBe('2025-04-23 17:07:00.123456');
    expect(normaliseTimestamp('not a time')).toBe('not a time');
  });
});
