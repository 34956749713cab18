import { describe, expect, it } from 'vitest';
import { isIsoDate, lastWeek, resolveWindow, toIso } from './time.js';

const NOW = Date.parse('2024-05-10T12:34:56Z');

describe('time helpers', () => {
  it('accepts ISO-8601 dates and date-times, with or without offset, and reads no offset as UTC', () => {
    for (const value of [
      '2024-05-01',
      '2024-05-01T10:00:00Z',
      '2024-05-01 10:00:00Z',
      '2024-05-01T10:00',
      '2024-05-01T10:00:00.123+02:00',
    ]) {
      expect(isIsoDate(value), value).toBe(true);
    }
    for (const value of ['yesterday', '2024-13-01', '1714557600', '2024-05-01T25:00:00Z']) {
      expect(isIsoDate(value), value).toBe(false);
    }
    expect(toIso('2024-05-01T10:00')).toBe('2024-05-01T10:00:00.000Z');
    expect(toIso('2024-05-01 10:00:00+02:00')).toBe('2024-05-01T08:00:00.000Z');
  });

  it('makes the default window 7 days back from the end of the current hour', () => {
    expect(lastWeek(NOW)).toEqual({ start: '2024-05-03T12:00:00.000Z', end: '2024-05-10T12:59:59.000Z' });
    expect(resolveWindow('2024-05-09', undefined, NOW)).toEqual({
      start: '2024-05-09T00:00:00.000Z',
      end: '2024-05-10T12:59:59.000Z',
    });
  });
});
