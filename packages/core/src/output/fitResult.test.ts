import { describe, expect, it } from 'vitest';
import { fitResult } from './fitResult.js';

const alerts = Array.from({ length: 50 }, (_, i) => ({ id: `alert-${i}`, title: `Alert number ${i}`, n: i }));

describe('fitResult', () => {
  it('returns a value that fits untouched', () => {
    const value = { alerts: alerts.slice(0, 2) };
    expect(fitResult(value, 10_000)).toEqual({
      value,
      cuts: [],
      shortened: 0,
      size: JSON.stringify(value).length,
      fits: true,
    });
  });

  it('drops whole records from the end of the largest list, never half a record', () => {
    const value = { alerts, total: 50, next_cursor: 'c2' };
    const fit = fitResult(value, 1_000);
    expect(fit.fits).toBe(true);
    expect(fit.size).toBeLessThanOrEqual(1_000);
    const kept = fit.value['alerts'] as typeof alerts;
    expect(kept).toEqual(alerts.slice(0, kept.length));
    expect(fit.cuts).toEqual([{ path: 'alerts', keys: ['alerts'], kept: kept.length, total: 50 }]);
    expect(fit.value['next_cursor']).toBe('c2');
    expect(value.alerts).toHaveLength(50);
  });

  it('cuts the rows of a table, never its columns', () => {
    const rows = alerts.map((a) => [a.id, a.title, a.n]);
    // The column list is the longest list of the value, and still stays whole.
    const columns = Array.from({ length: 3 }, (_, i) => `a_very_long_column_name_number_${i}`.repeat(20));
    const twoRows = JSON.stringify({ alerts: { columns, rows: rows.slice(0, 2) } }).length;
    const fit = fitResult({ alerts: { columns, rows: rows.slice(0, 4) } }, twoRows);
    expect(fit.fits).toBe(true);
    expect(fit.value).toEqual({ alerts: { columns, rows: rows.slice(0, 2) } });
    expect(fit.cuts).toEqual([{ path: 'alerts.rows', keys: ['alerts', 'rows'], kept: 2, total: 4 }]);
    const big = fitResult({ alerts: { columns: ['id', 'title', 'n'], rows } }, 500);
    expect((big.value['alerts'] as { rows: unknown[] }).rows).toEqual(rows.slice(0, big.cuts[0]!.kept));
  });

  it('cuts nested lists by their path and shortens long text after lists with a marker', () => {
    const fit = fitResult({ results: { rows: alerts }, note: 'n'.repeat(3_000) }, 2_000);
    expect(fit.fits).toBe(true);
    expect(fit.cuts[0]?.path).toBe('results.rows');
    expect(fit.shortened).toBe(1);
    expect(fit.value['note']).toMatch(/…\[shortened: \d+ of 3000 characters left out\]$/);
  });

  it('says when a value cannot be cut to fit', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`key${i}`, i]));
    expect(fitResult(many, 1_000).fits).toBe(false);
  });
});
