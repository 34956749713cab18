/**
 * The ways attackers hide text from the person reading a log while a model still reads it. Each function
 * returns the text an attacker would write into a field.
 */

/** ASCII written as Unicode tag characters (U+E0020–U+E007E): invisible in every common font. */
export function tagged(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code >= 0x20 && code <= 0x7e ? String.fromCodePoint(0xe0000 + code) : ch;
  }
  return out;
}

/** Every character of `text` followed by `joiner` (a zero-width space by default), which splits keywords. */
export function interleaved(text: string, joiner = '\u200b'): string {
  return [...text].join(joiner);
}

/**
 * Text between RIGHT-TO-LEFT OVERRIDE and POP DIRECTIONAL FORMATTING: a screen shows it reversed (noise to
 * the person), while a model reads it in stored order.
 */
export function rightToLeft(text: string): string {
  return `\u202e${text}\u202c`;
}

/**
 * Bytes smuggled as variation selectors after one visible character: VS1–VS16 (U+FE00–U+FE0F) carry
 * 0–15 and VS17–VS256 (U+E0100–U+E01EF) carry 16–255. Nothing but the first character is drawn.
 */
export function smuggled(carrier: string, text: string): string {
  let out = carrier;
  for (const byte of Buffer.from(text, 'utf8')) {
    out += String.fromCodePoint(byte < 16 ? 0xfe00 + byte : 0xe0100 + byte - 16);
  }
  return out;
}

/** `unit` repeated until the text has at least `length` characters. */
export function repeated(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length));
}
