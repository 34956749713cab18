import { describe, expect, it } from 'vitest';
import {
  decodeResume,
  encodeResume,
  isResumeCursor,
  type ResumePoint,
  resumeArguments,
  resumePointFor,
  skipShown,
} from './resume.js';

const point: ResumePoint = {
  tool: 'list_alerts',
  cursor: 'panther-cursor==',
  skip: 12,
  path: ['alerts', 'rows'],
  pageSize: 25,
  with: { query_id: 'q-1' },
};

const encoded = (raw: unknown) => `resume1.${Buffer.from(JSON.stringify(raw)).toString('base64url')}`;

describe('resume cursors', () => {
  it('round-trip every field, and are told apart from other cursors', () => {
    const text = encodeResume(point);
    expect(isResumeCursor(text)).toBe(true);
    expect(isResumeCursor('dlq1.abc')).toBe(false);
    expect(decodeResume(text)).toEqual(point);
    expect(decodeResume(encodeResume({ tool: 't', skip: 1, path: ['items'] }))).toEqual({
      tool: 't',
      skip: 1,
      path: ['items'],
    });
  });

  it('refuse anything not well-formed', () => {
    const good = { t: 'list_alerts', s: 3, p: ['alerts'] };
    for (const raw of [
      null,
      [],
      'text',
      { ...good, t: '' },
      { ...good, s: 0 },
      { ...good, s: -1 },
      { ...good, s: 1.5 },
      { ...good, s: 2_000_000 },
      { ...good, p: [] },
      { ...good, p: [{}] },
      { ...good, p: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
      { ...good, c: 5 },
      { ...good, n: 0 },
      { ...good, w: [] },
      { ...good, w: { a: {} } },
      { ...good, w: { a: 'x'.repeat(1_001) } },
    ]) {
      expect(decodeResume(encoded(raw)), JSON.stringify(raw)).toBeUndefined();
    }
    expect(decodeResume('resume1.%%%')).toBeUndefined();
    expect(decodeResume(`resume1.${'A'.repeat(20_000)}`)).toBeUndefined();
    expect(decodeResume('panther-cursor')).toBeUndefined();
  });

  it('become the arguments that read the same page again', () => {
    const continuation = { cursor: 'cursor', pageSize: 'page_size', resumeWith: ['query_id'] } as const;
    expect(
      resumeArguments({ cursor: 'resume1.x', page_size: 5, severities: ['HIGH'] }, point, continuation),
    ).toEqual({ cursor: 'panther-cursor==', page_size: 25, severities: ['HIGH'], query_id: 'q-1' });
    // The first page has no cursor of its own; values the tool did not declare are ignored.
    expect(
      resumeArguments(
        { cursor: 'resume1.x' },
        { tool: 't', skip: 1, path: ['a'], with: { sql: 'DROP' } },
        {
          cursor: 'cursor',
        },
      ),
    ).toEqual({});
  });

  it('leave out the items already shown, without changing the value they were given', () => {
    const value = { alerts: { columns: ['id'], rows: [['a'], ['b'], ['c']] }, next_cursor: 'n' };
    expect(skipShown(value, { tool: 't', skip: 2, path: ['alerts', 'rows'] })).toEqual({
      alerts: { columns: ['id'], rows: [['c']] },
      next_cursor: 'n',
    });
    expect(value.alerts.rows).toHaveLength(3);
    expect(skipShown(value, { tool: 't', skip: 2, path: ['missing', 'rows'] })).toBe(value);
    expect(skipShown(value, { tool: 't', skip: 2, path: ['next_cursor'] })).toBe(value);
  });

  it('point after the last item shown, counting items shown by earlier calls', () => {
    const base = {
      tool: 'list_alerts',
      continuation: { cursor: 'cursor', pageSize: 'page_size', resumeWith: ['query_id'] },
      cut: { keys: ['alerts', 'rows'], kept: 7 },
      args: { cursor: 'c0' },
      input: { page_size: 25 },
      value: { query_id: 'q-1' },
      before: undefined,
    } as const;
    expect(resumePointFor(base)).toEqual({
      tool: 'list_alerts',
      skip: 7,
      path: ['alerts', 'rows'],
      cursor: 'c0',
      pageSize: 25,
      with: { query_id: 'q-1' },
    });
    expect(resumePointFor({ ...base, before: { ...point, skip: 12 } })?.skip).toBe(19);
    expect(resumePointFor({ ...base, continuation: { fields: 'fields' } })).toBeUndefined();
    expect(resumePointFor({ ...base, cut: { keys: ['alerts'], kept: 0 } })).toBeUndefined();
  });
});
