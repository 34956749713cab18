import type { z } from 'zod';
import { maskUrlCredentials } from '../security/redact.js';
import { closestName } from './closestName.js';

/** One validation problem in words: where (`severities[0]`) and what is wrong and allowed. */
export interface IssueText {
  readonly path: string;
  readonly message: string;
}

const SECRET_KEY = /token|secret|password|apikey|api_key/i;
const MAX_VALUE_CHARS = 60;

/** `['a', 0, 'b']` → `a[0].b`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  // A URL's user-info is a credential wherever the URL was written.
  text = maskUrlCredentials(text);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function got(issue: z.core.$ZodIssue, path: readonly PropertyKey[]): string {
  if (!('input' in issue) || issue.input === undefined) return '';
  if (path.some((p) => typeof p === 'string' && SECRET_KEY.test(p)))
    return ' (got a value that is not shown)';
  return ` (got ${describeValue(issue.input)})`;
}

function sizeText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, small: boolean): string {
  const limit = Number(
    small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum,
  );
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      return small ? `must be at least ${limit} characters long` : `must be at most ${limit} characters long`;
    case 'array':
    case 'set':
      return small
        ? `must have at least ${limit} item${limit === 1 ? '' : 's'}`
        : `must have at most ${limit} items`;
    default: {
      const op = small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
      return `must be ${op} ${limit}`;
    }
  }
}

type SchemaLike = { _zod?: { def?: Record<string, unknown> } };

/** The schema at `path` inside `schema`, looking through optional/default/nullable/pipe wrappers. */
function schemaAt(schema: unknown, path: readonly PropertyKey[]): SchemaLike | undefined {
  let current = unwrap(schema as SchemaLike);
  for (const part of path) {
    const def = current?._zod?.def;
    if (!def) return undefined;
    if (def['type'] === 'object' && typeof part === 'string') {
      current = unwrap((def['shape'] as Record<string, SchemaLike>)[part]);
    } else if (def['type'] === 'array') {
      current = unwrap(def['element'] as SchemaLike);
    } else if (def['type'] === 'tuple' && typeof part === 'number') {
      current = unwrap((def['items'] as SchemaLike[])[part]);
    } else {
      return undefined;
    }
  }
  return current;
}

function unwrap(schema: SchemaLike | undefined): SchemaLike | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current?._zod?.def; i++) {
    const def = current._zod.def;
    const inner = (def['innerType'] ?? (def['type'] === 'pipe' ? def['in'] : undefined)) as
      | SchemaLike
      | undefined;
    if (!inner) break;
    current = inner;
  }
  return current;
}

function allowedKeys(schema: unknown, path: readonly PropertyKey[]): string[] | undefined {
  const def = schemaAt(schema, path)?._zod?.def;
  if (def?.['type'] !== 'object') return undefined;
  return Object.keys(def['shape'] as Record<string, unknown>);
}

function issueTexts(issue: z.core.$ZodIssue, schema: unknown, basePath: readonly PropertyKey[]): IssueText[] {
  const path = [...basePath, ...issue.path];
  const at = formatPath(path);
  switch (issue.code) {
    case 'invalid_type':
      if (!('input' in issue) || issue.input === undefined) {
        return [{ path: at, message: `is required (${issue.expected})` }];
      }
      return [{ path: at, message: `must be ${article(issue.expected)}${got(issue, path)}` }];
    case 'invalid_value': {
      const values = issue.values.map((v) => (typeof v === 'string' ? v : describeValue(v)));
      if (!('input' in issue) || issue.input === undefined) {
        return [
          {
            path: at,
            message: `is required (${values.length === 1 ? values[0] : `one of ${values.join(', ')}`})`,
          },
        ];
      }
      const message = values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`;
      return [{ path: at, message: message + got(issue, path) }];
    }
    case 'too_small':
      return [{ path: at, message: sizeText(issue, true) + got(issue, path) }];
    case 'too_big':
      return [{ path: at, message: sizeText(issue, false) + got(issue, path) }];
    case 'not_multiple_of':
      return [{ path: at, message: `must be a multiple of ${String(issue.divisor)}${got(issue, path)}` }];
    case 'invalid_format': {
      const custom = issue.format === 'regex' || !/^invalid/i.test(issue.message);
      const message = custom ? issue.message : `must be a valid ${issue.format}`;
      return [{ path: at, message: message + got(issue, path) }];
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, path);
      const hint = allowed ? `; allowed: ${allowed.join(', ')}` : '';
      return issue.keys.map((key) => {
        const meant = allowed ? closestName(key, allowed) : undefined;
        return {
          path: formatPath([...path, key]),
          message: `is not a known field${meant ? ` (did you mean ${meant}?)` : ''}${hint}`,
        };
      });
    }
    case 'invalid_union': {
      // Report the branch that got furthest (deepest issue path); otherwise say no form matched.
      const branches = issue.errors.filter((b) => b.length > 0);
      const best = branches
        .map((b) => ({ b, depth: Math.max(...b.map((i) => i.path.length)) }))
        .sort((x, y) => y.depth - x.depth)[0];
      if (best && best.depth > 0) return best.b.flatMap((i) => issueTexts(i, schema, path));
      return [{ path: at, message: `does not match any allowed form${got(issue, path)}` }];
    }
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.flatMap((i) => issueTexts(i, schema, path));
    default:
      return [{ path: at, message: issue.message }];
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Turns a zod error into readable lines; `schema` (the one that failed) lets unknown-field errors list the allowed fields. */
export function formatIssues(error: z.core.$ZodError, schema?: unknown): IssueText[] {
  // zod goes on checking a value of the wrong type (a string given for a list is also "too long" for the list's
  // item count): once a value's type is wrong, that is all there is to say about it.
  const wrongType = new Set(
    error.issues.filter((i) => i.code === 'invalid_type').map((i) => formatPath(i.path)),
  );
  return error.issues
    .filter((issue) => issue.code === 'invalid_type' || !wrongType.has(formatPath(issue.path)))
    .flatMap((issue) => issueTexts(issue, schema, []));
}
