import { describe, expect, it } from 'vitest';
import { leaves, missingFacts } from './answers.js';

describe('the facts check of characters per answer', () => {
  it('finds the same facts in objects, tables and hoisted constants', () => {
    const facts = ['a1', 'HIGH', 3, 'b2', 'LOW'];
    const objects = {
      alerts: [
        { id: 'a1', severity: 'HIGH', eventCount: 3 },
        { id: 'b2', severity: 'LOW' },
      ],
    };
    const table = {
      alerts: {
        columns: ['id', 'severity', 'eventCount'],
        rows: [
          ['a1', 'HIGH', 3],
          ['b2', 'LOW', null],
        ],
      },
    };
    const hoisted = {
      same_in_every_row: { eventCount: 3 },
      columns: ['id', 'severity'],
      rows: [
        ['a1', 'HIGH'],
        ['b2', 'LOW'],
      ],
    };
    for (const answer of [objects, table, hoisted])
      expect(missingFacts(answer, facts)).toEqual({ total: 5, missing: [] });
  });

  it('reports a value that was dropped or shortened, and tells numbers from strings', () => {
    const answer = { rows: [['a1', 'some long te…[shortened]', '3']] };
    expect(missingFacts(answer, ['a1', 'some long text', 3, 'a1'])).toEqual({
      total: 3,
      missing: ['some long text', 3],
    });
  });

  it('takes values, not keys, and skips empty strings and nulls', () => {
    expect(leaves({ id: 'x', nested: { list: [1, '', null, { k: 'v' }] } })).toEqual(['x', 1, 'v']);
  });
});
