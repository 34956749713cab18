import { describe, expect, it } from 'vitest';
import { firstSentence } from './catalogue.js';

describe('firstSentence', () => {
  it('ends at a full stop before a capital letter or at the end of the text', () => {
    expect(firstSentence('List alerts. Filter by status.')).toBe('List alerts.');
    expect(firstSentence('Only one sentence.')).toBe('Only one sentence.');
    expect(firstSentence('Permissions by name (e.g. AlertRead). More text.')).toBe(
      'Permissions by name (e.g. AlertRead).',
    );
  });

  it('keeps a text without a full stop whole, its whitespace folded', () => {
    expect(firstSentence('  a list\n  of things ')).toBe('a list of things');
  });
});
