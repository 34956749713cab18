import { describe, expect, it } from 'vitest';
import { describeCuts, fitResult } from './fitResult.js';

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
    expect(fit.cuts).toEqual([{ path: 'alerts', kept: kept.length, total: 50 }]);
    expect(fit.value['next_cursor']).toBe('c2');
    expect(value.alerts).toHaveLength(50);
    expect(describeCuts(fit, '1,000 characters', true)).toBe(
      `Result cut to fit 1,000 characters: left out ${50 - kept.length} of 50 items of alerts. To get the rest, call again with the cursor for the next page, or ask for fewer items, a narrower filter or fewer fields.`,
    );
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
