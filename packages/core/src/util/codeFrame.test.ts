import { describe, expect, it } from 'vitest';
import { codeFrame, lineAndColumn } from './codeFrame.js';

describe('lineAndColumn', () => {
  it('counts lines and columns from 1, for any line ending', () => {
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('abc\ndef', 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('abc\r\ndef', 6)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('abc', 99)).toEqual({ line: 1, column: 4 });
  });
});

describe('codeFrame', () => {
  it('shows the lines around one line with a caret under the column', () => {
    const text = ['one', 'two', 'three', 'four', 'five', 'six'].join('\n');
    expect(codeFrame(text, 4, 3)).toBe(
      ['  2 | two', '  3 | three', '> 4 | four', '    |   ^', '  5 | five', '  6 | six'].join('\n'),
    );
  });

  it('widens the gutter for two-digit line numbers and keeps tabs before the caret', () => {
    const text = `${'x\n'.repeat(9)}\tbad`;
    const frame = codeFrame(text, 10, 2).split('\n');
    expect(frame).toEqual(['   8 | x', '   9 | x', '> 10 | \tbad', '     | \t^']);
  });
});
