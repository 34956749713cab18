import { describe, expect, it } from 'vitest';
import { askForLess, describeCuts } from './cutNote.js';
import type { FitResult } from './fitResult.js';

const fit = (over: Partial<FitResult> = {}): FitResult => ({
  value: {},
  cuts: [{ path: 'alerts.rows', keys: ['alerts', 'rows'], kept: 10, total: 25 }],
  shortened: 0,
  size: 0,
  fits: true,
  ...over,
});

describe('describeCuts', () => {
  it('tells a paging tool to resume with its own cursor parameter, and how to ask for less', () => {
    const note = describeCuts(fit(), '6,000 tokens', {
      tool: 'list_alerts',
      continuation: { cursor: 'cursor', pageSize: 'page_size', fields: 'fields', filters: ['severities'] },
      resumable: true,
    });
    expect(note).toBe(
      'Result cut to fit 6,000 tokens: left out 15 of 25 items of alerts.rows. To get the rest, call list_alerts ' +
        'again with the same arguments and cursor=next_cursor (it resumes after the last item shown); to get more ' +
        'in one answer, ask for fewer fields (fields), a smaller page (page_size) or a narrower filter (severities).',
    );
  });

  it('names the filters and fields of a tool without a cursor, and counts shortened text', () => {
    const note = describeCuts(fit({ shortened: 2 }), '1 MiB', {
      tool: 'list_log_type_schemas',
      continuation: { filters: ['contains', 'is_managed'] },
      resumable: false,
    });
    expect(note).toBe(
      'Result cut to fit 1 MiB: left out 15 of 25 items of alerts.rows and the end of 2 long text values. To get ' +
        'the rest, ask for a narrower filter (contains, is_managed).',
    );
  });

  it('gives general advice when the tool declares nothing', () => {
    expect(askForLess(undefined)).toBe('ask for fewer items, a narrower filter or fewer fields');
    expect(askForLess({ fields: 'fields' })).toBe('ask for fewer fields (fields)');
  });
});
