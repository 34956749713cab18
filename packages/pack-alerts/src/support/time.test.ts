import { describe, expect, it } from 'vitest';
import { lastWeek, resolveWindow } from './time.js';

const NOW = Date.parse('2024-05-10T12:34:56Z');

describe('time helpers', () => {
  it('makes the default window 7 days back from the end of the current hour', () => {
    expect(lastWeek(NOW)).toEqual({ start: '2024-05-03T12:00:00.000Z', end: '2024-05-10T12:59:59.000Z' });
    expect(resolveWindow(new Date('2024-05-09T00:00:00Z'), undefined, NOW)).toEqual({
      start: '2024-05-09T00:00:00.000Z',
      end: '2024-05-10T12:59:59.000Z',
    });
  });
});
