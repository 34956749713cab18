import { describe, expect, it } from 'vitest';
import { parseIsoDateTime } from './isoDateTime.js';

const iso = (text: string) => parseIsoDateTime(text)?.toISOString();

describe('parseIsoDateTime', () => {
  it('accepts ISO-8601 dates and date-times, with or without offset, and reads no offset as UTC', () => {
    expect(iso('2024-05-01')).toBe('2024-05-01T00:00:00.000Z');
    expect(iso('2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00.000Z');
    expect(iso('2024-05-01 10:00:00Z')).toBe('2024-05-01T10:00:00.000Z');
    expect(iso('2024-05-01T10:00')).toBe('2024-05-01T10:00:00.000Z');
    expect(iso('2024-05-01t10:00:00z')).toBe('2024-05-01T10:00:00.000Z');
    expect(iso('2024-05-01T10:00:00.123+02:00')).toBe('2024-05-01T08:00:00.123Z');
    expect(iso('2024-05-01 10:00:00+02:00')).toBe('2024-05-01T08:00:00.000Z');
    expect(iso('2024-05-01T10:00:00.123456789-0530')).toBe('2024-05-01T15:30:00.123Z');
    expect(iso('2024-05-01T00:30:00+01')).toBe('2024-04-30T23:30:00.000Z');
    expect(iso('2024-02-29T23:59:59Z')).toBe('2024-02-29T23:59:59.000Z');
  });

  it('keeps years below 100 as written (Date.UTC would move them to the 1900s)', () => {
    expect(iso('0099-12-31')).toBe('0099-12-31T00:00:00.000Z');
  });

  it.each([
    "' OR '1'='1",
    '2001',
    '2024-05',
    '20240501',
    '1714557600',
    'yesterday',
    'May 1, 2024',
    '2024-05-01T10',
    ' 2024-05-01',
    '2024-05-01 ',
    '2024-05-01Z',
    '2024-13-01',
    '2024-00-10',
    '2023-02-29',
    '2024-04-31',
    '2024-05-00',
    '2024-05-01T24:00:00Z',
    '2024-05-01T25:00:00Z',
    '2024-05-01T10:60:00Z',
    '2024-05-01T10:00:60Z',
    '2024-05-01T10:00:00+24:00',
    '2024-05-01T10:00:00+02:60',
    '2024-05-01T10:00:00.Z',
    '2024-05-01T10:00:00.1234567890Z',
    '２０２４-05-01',
  ])('refuses %j', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });
});
