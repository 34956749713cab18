/**
 * Text from Panther is written by the people it watches. Invisible and reordering characters (format characters,
 * tag characters, bidi controls, control characters, variation selectors that follow no emoji) are replaced by a
 * visible `[U+XXXX]`, so the analyst sees what a model reads. Every value a view shows goes through here.
 */
const HIDDEN =
  /\p{Cf}|\p{Cc}|[\u{E0000}-\u{E007F}]|[\u{E0100}-\u{E01EF}]|\u{2028}|\u{2029}|(?<!\p{Extended_Pictographic})(?:\u{FE00}|[\u{FE01}-\u{FE0F}])/gu;

const KEEP = new Set(['\n', '\t']);

export function escapeHidden(text: string): string {
  return text.replace(HIDDEN, (char) =>
    KEEP.has(char) ? char : `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`,
  );
}
