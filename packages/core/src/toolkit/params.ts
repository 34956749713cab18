/**
 * Zod builders for tool parameters, one rule each. Every string bound for a URL, a GraphQL variable or a SQL
 * literal gets a `maxLength` that the tools/list schema advertises; the finer checks (well-formed text, the id
 * character set, date parsing) run in the schema but stay out of the advertised JSON Schema, which is sent on
 * every turn. Their messages say what is allowed, and the host prefixes the argument's name.
 */
import { z } from 'zod';
import { parseIsoDateTime } from './isoDateTime.js';

/** Ids longer than this are refused unless a builder is given another bound. */
export const ID_MAX_LENGTH = 256;
/** Cursors longer than this are refused unless a builder is given another bound. */
export const CURSOR_MAX_LENGTH = 4096;

// With the `u` flag a valid surrogate pair is one code point, so this matches only a lone surrogate.
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * The characters an id may have. `printable` (the default) is printable ASCII, space included: detection ids
 * such as `Custom Rule 1`, helper names, UUIDs, email-like user ids. `word` is letters, digits, `_` and `-`, for
 * ids that are hex or UUIDs in practice (alerts) or that are joined into lists.
 */
const ID_CHARACTERS = {
  printable: { pattern: /^[ -~]+$/, allowed: 'printable ASCII characters' },
  word: { pattern: /^[\w-]+$/, allowed: 'ASCII letters, digits, _ or -' },
} as const;

export type IdCharacters = keyof typeof ID_CHARACTERS;

export interface IdParamOptions {
  /** Default `printable`. */
  readonly characters?: IdCharacters;
  /** Default 256. */
  readonly maxLength?: number;
}

const WELL_FORMED = {
  error: 'must be well-formed text (it contains a lone UTF-16 surrogate)',
  abort: true,
} as const;

const wellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);

/** Free text (a filter, a comment, a prompt) of at most `maxLength` characters. */
export function textParam(maxLength: number) {
  return z.string().max(maxLength).refine(wellFormed, WELL_FORMED);
}

/** A `next_cursor` from an earlier call, passed back as it was. */
export function cursorParam(maxLength: number = CURSOR_MAX_LENGTH) {
  return textParam(maxLength);
}

/** A Panther id: non-empty, well-formed, of the allowed characters, at most `maxLength` long. */
export function idParam(options: IdParamOptions = {}) {
  const { pattern, allowed } = ID_CHARACTERS[options.characters ?? 'printable'];
  return textParam(options.maxLength ?? ID_MAX_LENGTH)
    .refine((value) => value.length > 0, { error: 'must not be empty', abort: true })
    .refine((value) => pattern.test(value), { error: `must be an id of ${allowed}` });
}

/** Longer than any ISO-8601 date-time this accepts (`2024-05-01T10:00:00.123456789+02:00` is 35). */
const DATE_TIME_MAX_LENGTH = 40;

/**
 * An ISO-8601 date or date-time, parsed strictly to a `Date` (`2024-05-01`, `2024-05-01T10:00:00Z`,
 * `…+02:00`; no offset means UTC). Anything `Date.parse` would guess at is refused.
 */
export function isoDateTimeParam() {
  return z
    .string()
    .max(DATE_TIME_MAX_LENGTH)
    .transform((value, context) => {
      const date = parseIsoDateTime(value);
      if (date !== undefined) return date;
      context.issues.push({
        code: 'custom',
        input: value,
        message: 'expected an ISO-8601 date-time such as 2024-05-01T00:00:00Z',
      });
      return z.NEVER;
    });
}

/** Field and column names longer than this are refused. */
export const FIELD_NAME_MAX_LENGTH = 64;

/**
 * The fields (or columns) to return, each one of `allowed`, at most `allowed.length` of them (tools keep the id
 * whatever is asked, so an empty list asks for ids alone). The names are
 * checked in the schema but left out of the advertised JSON Schema (a long enum would be sent on every turn);
 * the message lists them.
 */
export function fieldsParam(allowed: readonly string[]) {
  const known = new Set(allowed);
  return z
    .array(textParam(FIELD_NAME_MAX_LENGTH))
    .max(allowed.length)
    .superRefine((names, context) => {
      const unknown = [...new Set(names.filter((name) => !known.has(name)))];
      if (unknown.length === 0) return;
      context.addIssue({
        code: 'custom',
        input: names,
        message: `must name fields from ${allowed.join(', ')} (unknown: ${unknown.map((n) => JSON.stringify(n)).join(', ')})`,
      });
    });
}
