import { describe, expect, it } from 'vitest';
import { escapeHidden, isHiddenCodePoint, unescapeHidden, visibleText } from './hiddenText.js';

const tags = (text: string) =>
  [...text].map((c) => String.fromCodePoint(0xe0000 + c.codePointAt(0)!)).join('');

describe('escapeHidden', () => {
  it('leaves visible text alone, whatever its script', () => {
    for (const text of [
      '',
      'alice.nguyen@acme.io',
      'arn:aws:iam::123456789012:user/bob',
      'Mozilla/5.0 (X11; Linux x86_64)\tline\nnext\r\n',
      'Müller, Ñandú, Ελληνικά, Русский, 日本語, 한국어',
      'שלום עולם and مرحبا بالعالم',
      'emoji: 👍🏽 ❤️ 👨‍👩‍👧 🏳️‍🌈 1️⃣',
      'می‌خواهم', // Persian with a ZERO WIDTH NON-JOINER between letters
      'क्‍ष', // Devanagari with a ZERO WIDTH JOINER
      '[U+200B is how one writes it]',
    ]) {
      expect(escapeHidden(text), text).toBe(text);
    }
  });

  it('makes zero-width, bidirectional, tag, control and unassigned code points visible', () => {
    expect(escapeHidden('a\u200Bb\u200Cc\u200Dd\u2060e\uFEFF')).toBe(
      'a[U+200B]b[U+200C]c[U+200D]d[U+2060]e[U+FEFF]',
    );
    expect(escapeHidden('x\u202Eevil\u202C\u2066i\u2069\u200E\u200F\u061C')).toBe(
      'x[U+202E]evil[U+202C][U+2066]i[U+2069][U+200E][U+200F][U+061C]',
    );
    expect(escapeHidden(`ok${tags('Hi')}`)).toBe('ok[U+E0048][U+E0069]');
    expect(escapeHidden('bell\u0007 esc\u001B nel\u0085 del\u007F')).toBe(
      'bell[U+0007] esc[U+001B] nel[U+0085] del[U+007F]',
    );
    expect(escapeHidden('soft\u00ADhyphen, filler\u3164, ls\u2028ps\u2029')).toBe(
      'soft[U+00AD]hyphen, filler[U+3164], ls[U+2028]ps[U+2029]',
    );
    expect(escapeHidden('private\uE000 unassigned\u{E0080} nonchar\uFFFF')).toBe(
      'private[U+E000] unassigned[U+E0080] nonchar[U+FFFF]',
    );
    expect(escapeHidden('lone \uD800 surrogate')).toBe('lone [U+D800] surrogate');
  });

  it('keeps the first variation selector after a character and escapes the ones piled after it', () => {
    expect(escapeHidden('❤️')).toBe('❤️');
    expect(escapeHidden('😀\uFE0F\uFE01\u{E0100}')).toBe('😀\uFE0F[U+FE01][U+E0100]');
    expect(escapeHidden('\uFE0Fstart')).toBe('[U+FE0F]start');
    // A selector that does not vary the character before it carries a hidden byte.
    expect(escapeHidden('\u{1F642}\u{E0159}\u{E0157}')).toBe('\u{1F642}[U+E0159][U+E0157]');
    expect(escapeHidden('a\uFE00')).toBe('a[U+FE00]');
    // An ideograph's variant and a mathematical symbol's are kept.
    expect(escapeHidden('\u845B\u{E0100} \u2229\uFE00')).toBe('\u845B\u{E0100} \u2229\uFE00');
    expect(escapeHidden('a\u200B\uFE0F')).toBe('a[U+200B][U+FE0F]');
  });

  it('escapes joiners that do not join emoji or letters of a joining script', () => {
    expect(escapeHidden('r\u200Desolve')).toBe('r[U+200D]esolve');
    expect(escapeHidden('👍\u200Dx')).toBe('👍[U+200D]x');
    expect(escapeHidden('ب\u200Cx')).toBe('ب[U+200C]x');
  });

  it('escapes the bracket of a literal escape, so that two texts never escape alike', () => {
    expect(escapeHidden('[U+200B]')).toBe('[U+005B]U+200B]');
    expect(escapeHidden('\u200B')).toBe('[U+200B]');
    expect(escapeHidden('[u+200b] [U+20] [U+200B')).toBe('[u+200b] [U+20] [U+200B');
  });

  it('is undone exactly by unescapeHidden', () => {
    let state = 7;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      return state;
    };
    const alphabet = [
      'a',
      ' ',
      '[',
      ']',
      'U',
      '+',
      '0',
      '2',
      'B',
      'F',
      '\u200B',
      '\u200D',
      '\u202E',
      '\uFE0F',
      '\uFE01',
      '\u{E0041}',
      '\u{E0100}',
      '\u0007',
      '👍',
      'ب',
      '\uD800',
      '\uDC00',
      '[U+200B]',
      '[U+005B]',
    ];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const length = next() % 24;
      for (let j = 0; j < length; j++) text += alphabet[next() % alphabet.length];
      const escaped = escapeHidden(text);
      expect(unescapeHidden(escaped), JSON.stringify(text)).toBe(text);
      // What is left raw is only what is drawn (a first variation selector, a joiner between emoji).
      expect(visibleText(escaped), JSON.stringify(text)).toBe(escaped);
    }
  });
});

describe('unescapeHidden', () => {
  it('restores only code points that escapeHidden escapes', () => {
    expect(unescapeHidden('id[U+200B]x [U+0041] [U+005B]U+0041] [U+110000]')).toBe(
      'id\u200Bx [U+0041] [U+0041] [U+110000]',
    );
    expect(unescapeHidden('plain')).toBe('plain');
  });
});

describe('visibleText', () => {
  it('drops what a screen does not show and keeps the rest', () => {
    expect(visibleText(`Looks fine${tags('resolve it')}.`)).toBe('Looks fine.');
    expect(visibleText('r\u200De\u200Ds ❤️ 👨‍👩‍👧 [U+200B]')).toBe('res ❤️ 👨‍👩‍👧 [U+200B]');
  });
});

describe('isHiddenCodePoint', () => {
  it('names the classes escaped', () => {
    expect([0x200b, 0xe0041, 0x202e, 0xfe0f, 0x7, 0xe000, 0xd800].every(isHiddenCodePoint)).toBe(true);
    expect([0x41, 0x20, 0x0a, 0x5b, 0x1f44d, 0x5d0].some(isHiddenCodePoint)).toBe(false);
  });
});
