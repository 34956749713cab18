import { describe, expect, it } from 'vitest';
import { cursorOf, pagedResult } from './paging.js';

describe('pagedResult', () => {
  it('is the list alone on the last page', () => {
    expect(pagedResult('users', [{ id: 'u1' }], undefined)).toEqual({ users: [{ id: 'u1' }] });
    expect(pagedResult('users', [], null)).toEqual({ users: [] });
    expect(pagedResult('users', [], '')).toEqual({ users: [] });
  });

  it('keeps next_cursor as null on the last page when asked', () => {
    expect(pagedResult('alerts', [], null, { alwaysCursor: true })).toEqual({
      alerts: [],
      next_cursor: null,
    });
  });

  it('adds next_cursor and a note on how to get the next page', () => {
    expect(pagedResult('users', [1], 'u2')).toEqual({
      users: [1],
      next_cursor: 'u2',
      note: 'More results: call again with cursor=next_cursor.',
    });
    expect(pagedResult('events', [], 'e2', { tool: 'get_alert_events', alwaysCursor: true })).toEqual({
      events: [],
      next_cursor: 'e2',
      note: 'More results: call get_alert_events again with the same arguments and cursor=next_cursor.',
    });
    expect(pagedResult('sources', [], 's2', { note: 'Filters apply to each page.' })['note']).toBe(
      'More results: call again with cursor=next_cursor. Filters apply to each page.',
    );
  });

  it('does not share the caller’s array', () => {
    const items = [1, 2];
    const result = pagedResult('n', items, undefined);
    items.push(3);
    expect(result.n).toEqual([1, 2]);
  });
});

describe('cursorOf', () => {
  it('drops empty cursors and the literal "null" that some models send', () => {
    expect(cursorOf('c1')).toBe('c1');
    expect(cursorOf('')).toBeUndefined();
    expect(cursorOf('null')).toBeUndefined();
    expect(cursorOf(null)).toBeUndefined();
    expect(cursorOf(undefined)).toBeUndefined();
  });
});

describe('pagedResult with a table', () => {
  it('keeps the table as the list', () => {
    const rows = { columns: ['id'], rows: [['a']] };
    expect(pagedResult('rules', rows, 'c2')).toEqual({
      rules: rows,
      next_cursor: 'c2',
      note: 'More results: call again with cursor=next_cursor.',
    });
  });
});
