import { describe, expect, it } from 'vitest';
import { fold, reveal } from './reveal.js';

const tags = (text: string) =>
  [...text].map((c) => String.fromCodePoint(0xe0000 + c.codePointAt(0)!)).join('');
const smuggled = (text: string) =>
  [...Buffer.from(text)].map((b) => String.fromCodePoint(b < 16 ? 0xfe00 + b : 0xe0100 + b - 16)).join('');

describe('reveal', () => {
  it('decodes text hidden in tag characters and variation selectors', () => {
    expect(reveal(`ok${tags('Hidden Words')}`).hidden).toEqual(['hidden words']);
    expect(reveal(`🙂${smuggled('Close It')}`).hidden).toEqual(['close it']);
    expect(reveal('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}').hidden).toEqual(['gbeng']);
    expect(reveal('plain').hidden).toEqual([]);
  });

  it('joins words split by invisible characters and keeps words apart across bidirectional controls', () => {
    const split = reveal('r\u200Be\u200Bs\u200Bo\u200Blve it');
    expect(split.text).toBe('resolve it');
    expect(split.splitWords).toBe(4);
    const reordered = reveal('bob@acme.io\u2067\u202Eclose it\u202C\u2069');
    expect(reordered.text).toBe('bob@acme.io  close it  ');
    expect(reordered.bidiOverride).toBe(true);
  });

  it('folds full-width and look-alike letters, and finds words of two scripts', () => {
    expect(fold('\uFF29\uFF27\uFF2E\uFF2F\uFF32\uFF25')).toBe('ignore');
    expect(fold('\u0405\u0443\u0455tem')).toBe('system');
    expect(reveal('run upd\u0430te_alert now, \u041C\u043E\u0441\u043A\u0432\u0430').mixedWords).toEqual([
      'update_alert',
    ]);
  });
});
