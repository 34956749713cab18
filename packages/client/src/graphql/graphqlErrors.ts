import {
  type PantherApiError,
  type PantherErrorCode,
  type PantherGraphQLError,
  pantherError,
  toDetail,
} from '../errors.js';
import { redact } from '../http/responseErrors.js';

// `extensions.code` values seen from Panther (Apollo-style) and its typed `ErrorCode` enum, compared after
// upper-casing and dropping underscores, so `NOT_FOUND` and `NotFound` agree.
const CODE_BY_EXTENSION: ReadonlyMap<string, PantherErrorCode> = new Map([
  ['GRAPHQLVALIDATIONFAILED', 'INVALID_INPUT'],
  ['GRAPHQLPARSEFAILED', 'INVALID_INPUT'],
  ['BADUSERINPUT', 'INVALID_INPUT'],
  ['INVALIDINPUT', 'INVALID_INPUT'],
  ['ALREADYEXISTS', 'INVALID_INPUT'],
  ['NOTFOUND', 'NOT_FOUND'],
  ['UNAUTHENTICATED', 'AUTH'],
  ['FORBIDDEN', 'PERMISSION'],
  ['ACCESSDENIED', 'PERMISSION'],
]);

// Used only when no entry carries a known code. Checked in order.
const CODE_BY_MESSAGE: readonly (readonly [RegExp, PantherErrorCode])[] = [
  [/\bnot found\b|does not exist/i, 'NOT_FOUND'],
  [/access denied|forbidden|not authori[sz]ed|permission/i, 'PERMISSION'],
  [
    /validation|invalid|syntax error|cannot query field|unknown (argument|type)|variable "\$|expected type|must not be null/i,
    'INVALID_INPUT',
  ],
];

/** Normalises whatever came in `errors[]` into `PantherGraphQLError`s, redacting the secret from messages. */
export function normaliseGraphQLErrors(errors: readonly unknown[], secret: string): PantherGraphQLError[] {
  return errors.map((raw) => {
    const entry = (typeof raw === 'object' && raw !== null ? raw : { message: String(raw) }) as Record<
      string,
      unknown
    >;
    const out: PantherGraphQLError = {
      message: redact(
        typeof entry['message'] === 'string' ? entry['message'] : 'Unknown GraphQL error',
        secret,
      ),
    };
    const path = entry['path'];
    if (Array.isArray(path)) {
      out.path = path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    }
    const extensions = entry['extensions'];
    if (typeof extensions === 'object' && extensions !== null) {
      out.extensions = extensions as Record<string, unknown>;
    }
    return out;
  });
}

/** The code for a GraphQL `errors[]`: a known `extensions.code` first, then the wording, else UPSTREAM. */
export function codeForGraphQLErrors(errors: readonly PantherGraphQLError[]): PantherErrorCode {
  for (const error of errors) {
    const raw = error.extensions?.['code'];
    if (typeof raw !== 'string') continue;
    const code = CODE_BY_EXTENSION.get(raw.toUpperCase().replace(/[^A-Z]/g, ''));
    if (code !== undefined) return code;
  }
  for (const [pattern, code] of CODE_BY_MESSAGE) {
    if (errors.some((error) => pattern.test(error.message))) return code;
  }
  return 'UPSTREAM';
}

/** The `detail` of a GraphQL `errors[]`: the first message, and how many more there are. */
export function detailOfGraphQLErrors(errors: readonly PantherGraphQLError[]): string | undefined {
  if (errors.length === 0) return undefined;
  const first = errors[0]?.message ?? 'Unknown GraphQL error';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  // The messages were redacted by normaliseGraphQLErrors.
  return toDetail(`${first}${more}`, '');
}

export function errorFromGraphQLErrors(
  errors: readonly PantherGraphQLError[],
  status: number | undefined,
): PantherApiError {
  return pantherError(codeForGraphQLErrors(errors), {
    status,
    graphqlErrors: errors,
    detail: detailOfGraphQLErrors(errors),
  });
}
