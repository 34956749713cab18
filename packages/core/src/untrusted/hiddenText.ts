/**
 * Hidden text made visible. A model reads every code point of a string; a person reading the same string on a
 * screen does not see format characters (zero-width, joiners, bidirectional controls, Unicode tag characters),
 * controls, unassigned or private-use code points, or variation selectors piled on one character. Each is
 * replaced by a visible escape, `[U+200B]`, so that the model reads what the person would see plus where
 * something invisible was. `unescapeHidden` undoes it exactly: a literal `[U+…]` in the text has its `[`
 * escaped too, so escaping never makes two texts alike.
 */

/**
 * Code points that are never drawn, or are drawn as nothing a reader can name: controls (but tab, line feed and
 * carriage return), format characters, surrogates, private use, unassigned, line and paragraph separators, and
 * the default-ignorable code points (variation selectors, fillers, tags).
 */
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what this finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
const HIDDEN_OR_ESCAPE = new RegExp(`${HIDDEN.source}|\\[U\\+[0-9A-F]{4,6}\\]`, 'gu');
const HIDDEN_GLOBAL = new RegExp(HIDDEN.source, 'gu');
const ESCAPE = /\[U\+([0-9A-F]{4,6})\]/g;

const VARIATION_SELECTOR = /[\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\u{180B}-\u{180D}\u{180F}]/u;
/**
 * Which characters a variation selector may follow and still be drawn as a variant of them: text or emoji
 * presentation (VS15, VS16) after any character; VS1–VS14 after ideographs and mathematical symbols; the
 * ideographic variation selectors (VS17–VS256) after ideographs; Mongolian free variation selectors after
 * Mongolian letters. Anywhere else a selector is a carrier of hidden bytes.
 */
const VARIANT_BASE: readonly (readonly [RegExp, RegExp])[] = [
  [/[\u{FE0E}\u{FE0F}]/u, /./su],
  [/[\u{FE00}-\u{FE0D}]/u, /\p{Ideographic}|\p{Sm}/u],
  [/[\u{E0100}-\u{E01EF}]/u, /\p{Ideographic}/u],
  [/[\u{180B}-\u{180D}\u{180F}]/u, /\p{Script=Mongolian}/u],
];
const EMOJI_PART = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}/u;
/** Scripts whose spelling uses ZERO WIDTH (NON-)JOINER between letters (Persian, the Indic scripts…). */
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Mongolian}\p{Script=Thaana}]/u;

const ZWNJ = 0x200c;
const ZWJ = 0x200d;

/** `[U+XXXX]`: at least four upper-case hex digits. */
export function escapeOf(codePoint: number): string {
  return `[U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** Whether `codePoint` is one `escapeHidden` may escape (whatever its neighbours). */
export function isHiddenCodePoint(codePoint: number): boolean {
  return HIDDEN.test(String.fromCodePoint(codePoint));
}

function codePointBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return String.fromCodePoint(text.codePointAt(start)!);
}

function codePointAfter(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/**
 * A hidden code point that is part of how visible text is drawn stays: the first variation selector after a
 * character it can vary (an emoji's presentation, an ideograph's variant), a joiner between emoji (a family
 * emoji), a joiner or non-joiner between letters of a script that spells with them. Anything else is escaped.
 */
function kept(text: string, index: number, char: string): boolean {
  const code = char.codePointAt(0)!;
  const before = codePointBefore(text, index);
  if (VARIATION_SELECTOR.test(char)) {
    if (before === '' || HIDDEN.test(before)) return false;
    return VARIANT_BASE.some(([selector, base]) => selector.test(char) && base.test(before));
  }
  if (code !== ZWJ && code !== ZWNJ) return false;
  const after = codePointAfter(text, index + char.length);
  if (code === ZWJ && EMOJI_PART.test(before) && EMOJI_PART.test(after)) return true;
  return JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after);
}

/** Whether `escapeHidden` would change `text` (a cheap check before copying). */
export function hasHidden(text: string): boolean {
  HIDDEN_OR_ESCAPE.lastIndex = 0;
  return HIDDEN_OR_ESCAPE.test(text);
}

/**
 * `text` with every hidden code point replaced by its `[U+XXXX]` escape (and the `[` of a literal escape by
 * `[U+005B]`); visible text, including emoji and right-to-left scripts, is kept as it is.
 */
export function escapeHidden(text: string): string {
  if (!hasHidden(text)) return text;
  HIDDEN_OR_ESCAPE.lastIndex = 0;
  return text.replace(HIDDEN_OR_ESCAPE, (match: string, index: number) => {
    if (match.length > 2 && match.startsWith('[U+')) return `${escapeOf(0x5b)}${match.slice(1)}`;
    return kept(text, index, match) ? match : escapeOf(match.codePointAt(0)!);
  });
}

/**
 * The text `escapeHidden` was given: every escape of a code point it may escape (and `[U+005B]`) becomes that
 * code point again. Other `[U+…]` text is left as it is.
 */
export function unescapeHidden(text: string): string {
  if (!text.includes('[U+')) return text;
  return text.replace(ESCAPE, (match: string, hex: string) => {
    const code = Number.parseInt(hex, 16);
    if (code === 0x5b) return '[';
    return code <= 0x10ffff && isHiddenCodePoint(code) ? String.fromCodePoint(code) : match;
  });
}

/** `text` without the hidden code points `escapeHidden` would escape: what a screen shows. */
export function visibleText(text: string): string {
  HIDDEN_GLOBAL.lastIndex = 0;
  if (!HIDDEN_GLOBAL.test(text)) return text;
  HIDDEN_GLOBAL.lastIndex = 0;
  return text.replace(HIDDEN_GLOBAL, (match: string, index: number) =>
    kept(text, index, match) ? match : '',
  );
}
