import { describe, expect, it } from 'vitest';
import { CHARS_PER_TOKEN, charsForTokens, estimateTokens } from './estimateTokens.js';

describe('estimateTokens', () => {
  it('counts a token per four characters, rounding up, for a text or a character count', () => {
    expect(CHARS_PER_TOKEN).toBe(4);
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens(22_871)).toBe(5_718);
  });

  it('is the inverse of charsForTokens at whole tokens', () => {
    expect(charsForTokens(6_000)).toBe(24_000);
    expect(estimateTokens(charsForTokens(6_000))).toBe(6_000);
    expect(estimateTokens(charsForTokens(6_000) + 1)).toBe(6_001);
  });
});
