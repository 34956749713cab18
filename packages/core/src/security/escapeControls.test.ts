import { describe, expect, it } from 'vitest';
import { escapeControls, hasControls } from './escapeControls.js';

describe('escapeControls', () => {
  it('escapes C0, DEL, C1, the Unicode separators and the bidi overrides; leaves other text alone', () => {
    const hostile = 'eve\x1b]0;owned\x07\x1b[1A\x1b[2K\r\b\x7f\x9b2J\u2028\u202eabc\u2066';
    const escaped = escapeControls(hostile);
    expect(escaped).toBe(
      'eve\\u001b]0;owned\\u0007\\u001b[1A\\u001b[2K\\u000d\\u0008\\u007f\\u009b2J\\u2028\\u202eabc\\u2066',
    );
    expect(hasControls(escaped)).toBe(false);
    expect(hasControls(hostile)).toBe(true);
    expect(escapeControls('Zoë 東京 ✓ "quoted" \\ tab-free')).toBe('Zoë 東京 ✓ "quoted" \\ tab-free');
  });

  it('keeps JSON valid and meaning the same characters', () => {
    const value = { caller: 'eve\x1b[2K\x9b\u2028', nested: ['\x85'] };
    const text = escapeControls(JSON.stringify(value));
    expect(hasControls(text)).toBe(false);
    expect(JSON.parse(text)).toEqual(value);
  });
});
