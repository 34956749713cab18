/**
 * What a model could read in a string, as plain lower-case ASCII-like text for the injection detector: hidden
 * text decoded (tag characters, bytes smuggled in variation selectors), invisible characters dropped so that
 * split words join again, compatibility forms folded (full-width, mathematical letters) and look-alike letters
 * (Cyrillic, Greek) folded to the Latin letters they imitate. Nothing here is shown to anyone.
 */
import { visibleText } from './hiddenText.js';

/**
 * Look-alike letters and the Latin letters they imitate, pairwise (the common ones; NFKC folds full-width and
 * mathematical letters): Cyrillic, Greek, then others.
 */
const LOOK_ALIKES: readonly (readonly [string, string])[] = [
  [
    '\u0430\u0432\u0435\u0451\u043A\u043C\u043D\u043E\u0440\u0441\u0442\u0443\u0445\u0455\u0456\u0457\u0458\u0501\u04BB\u04CF\u051B\u051D\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0423\u0425\u0405\u0406\u0408\u0500\u04BA',
    'abeekmhopctyxsiijdhlqwABEKMHOPCTYXSIJDH',
  ],
  [
    '\u03B1\u03B2\u03B5\u03B9\u03BA\u03BD\u03BF\u03C1\u03C4\u03C5\u03C7\u03B3\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7',
    'abeikvoptuxyABEZHIKMNOPTYX',
  ],
  ['\u0261\u0131\u2113', 'gil'],
];
const CONFUSABLES = new Map<string, string>(
  LOOK_ALIKES.flatMap(([from, to]) => [...from].map((c, i) => [c, to[i]!] as const)),
);
const CONFUSABLE = new RegExp(`[${LOOK_ALIKES.map(([from]) => from).join('')}]`, 'gu');

const TAG_RUN = /[\u{E0020}-\u{E007E}]{2,}/gu;
const SMUGGLED_RUN = /[\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]{4,}/gu;
const BIDI_OVERRIDE = /[\u202D\u202E]/u;
/** Bidirectional controls separate runs of text: read as a space, so that the words on either side stay apart. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const LETTERS = /\p{L}{2}/u;
const WORD = /[\p{L}\p{N}_]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const INVISIBLE_IN_WORD = /\p{L}[\u200B-\u200D\u2060\uFEFF\u00AD]+(?=\p{L})/gu;

export interface Revealed {
  /** The visible text, folded: what the detector reads first. */
  readonly text: string;
  /** Text hidden in tag characters or variation selectors, decoded and folded. */
  readonly hidden: readonly string[];
  /** Words spelled with letters of two scripts (Latin with Cyrillic or Greek), folded. */
  readonly mixedWords: readonly string[];
  /** RIGHT-TO-LEFT or LEFT-TO-RIGHT OVERRIDE is present (the person sees the text reordered). */
  readonly bidiOverride: boolean;
  /** How many words have invisible characters between their letters. */
  readonly splitWords: number;
}

/** NFKC, look-alikes to Latin, lower case. */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(CONFUSABLE, (c) => CONFUSABLES.get(c) ?? c)
    .toLowerCase();
}

function decodeTags(run: string): string {
  let out = '';
  for (const ch of run) out += String.fromCharCode(ch.codePointAt(0)! - 0xe0000);
  return out;
}

function decodeSmuggled(run: string): string {
  const bytes: number[] = [];
  for (const ch of run) {
    const code = ch.codePointAt(0)!;
    bytes.push(code <= 0xfe0f ? code - 0xfe00 : code - 0xe0100 + 16);
  }
  return Buffer.from(bytes).toString('utf8');
}

export function reveal(raw: string): Revealed {
  const hidden: string[] = [];
  for (const run of raw.match(TAG_RUN) ?? []) {
    const text = decodeTags(run);
    if (LETTERS.test(text)) hidden.push(fold(text));
  }
  for (const run of raw.match(SMUGGLED_RUN) ?? []) {
    const text = decodeSmuggled(run);
    if (LETTERS.test(text)) hidden.push(fold(text));
  }
  const visible = visibleText(raw.replace(BIDI_CONTROL, ' ')).normalize('NFKC');
  return {
    text: fold(visible),
    hidden,
    mixedWords: (visible.match(WORD) ?? [])
      .filter((word) => LATIN.test(word) && CYRILLIC_OR_GREEK.test(word))
      .map(fold),
    bidiOverride: BIDI_OVERRIDE.test(raw),
    splitWords: raw.match(INVISIBLE_IN_WORD)?.length ?? 0,
  };
}
