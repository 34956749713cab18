import { describe, expect, it } from 'vitest';
import { shapeRows } from './rows.js';

const records = [
  { eventName: 'AssumeRole', p_log_type: 'AWS.CloudTrail', errorCode: null, n: 1 },
  { eventName: 'GetObject', p_log_type: 'AWS.CloudTrail', errorCode: null, n: 2 },
  { eventName: 'ConsoleLogin', p_log_type: 'AWS.CloudTrail', n: 3 },
];
const ORDER = ['eventName', 'p_log_type', 'errorCode', 'n'];

describe('shapeRows', () => {
  it('writes values in column order and gives columns with one value in every row once', () => {
    expect(shapeRows(records, ORDER, undefined, 'q-1')).toEqual({
      columns: ['eventName', 'n'],
      rows: [
        ['AssumeRole', 1],
        ['GetObject', 2],
        ['ConsoleLogin', 3],
      ],
      same_in_every_row: { p_log_type: 'AWS.CloudTrail', errorCode: null },
    });
  });

  it('keeps every column in the rows below three rows, or when every column is the same', () => {
    expect(shapeRows(records.slice(0, 2), ORDER, undefined, 'q-1')).toEqual({
      columns: ORDER,
      rows: [
        ['AssumeRole', 'AWS.CloudTrail', null, 1],
        ['GetObject', 'AWS.CloudTrail', null, 2],
      ],
    });
    const same = [{ n: 5 }, { n: 5 }, { n: 5 }];
    expect(shapeRows(same, ['n'], undefined, 'q-1')).toEqual({ columns: ['n'], rows: [[5], [5], [5]] });
  });

  it('keeps only the fields asked for, in their order, and refuses a field that is not a column', () => {
    expect(shapeRows(records, ORDER, ['n', 'eventName'], 'q-1')).toEqual({
      columns: ['n', 'eventName'],
      rows: [
        [1, 'AssumeRole'],
        [2, 'GetObject'],
        [3, 'ConsoleLogin'],
      ],
    });
    expect(() => shapeRows(records, ORDER, ['eventname', 'x'], 'q-1')).toThrow(
      'Invalid argument "fields": "eventname", "x" are not columns of query q-1 (columns: eventName, p_log_type, errorCode, n); call again with query_id=q-1 and fields from those.',
    );
  });

  it('takes the columns of the first record when Panther gives no order', () => {
    expect(shapeRows([{ a: 1, b: 2 }], [], undefined, 'q-1')).toEqual({
      columns: ['a', 'b'],
      rows: [[1, 2]],
    });
  });
});
