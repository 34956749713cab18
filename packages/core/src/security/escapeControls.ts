/**
 * Characters a terminal or a log viewer may act on instead of showing: C0 controls (escape sequences, carriage
 * return, backspace, bell), DEL, C1 controls (U+009B is a one-character CSI), the Unicode line and paragraph
 * separators, and the bidirectional overrides and isolates that reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being escaped
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The text with every such character written as a `\uXXXX` escape. Applied to JSON text it stays valid JSON
 * (they can only occur inside strings, where the escape means the same character).
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Whether the text holds a character `escapeControls` would escape. */
export function hasControls(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
