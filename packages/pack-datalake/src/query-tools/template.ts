/**
 * A query tool's SQL template: Snowflake SQL with `{{name}}` placeholders where parameter values go. The template
 * is read with the data lake guard's tokenizer, so placeholders are found only where SQL code is, never inside a
 * string, a quoted identifier or a comment. Every placeholder stands for a value (a literal): the checks here
 * refuse the positions where Snowflake would read a literal as a name (`AS 'x'`, `IDENTIFIER('x')`,
 * `TABLE('x')`, `RESULT_SCAN('x')`, `FROM '@stage'`), and placements where the value would merge with the SQL
 * next to it (`abc{{x}}`, `'a'{{x}}`, `{{x}}.5`).
 */
import { isSignificant, SqlSyntaxError, type Token, tokenize } from '../sql/tokenize.js';

/** Lower-case letters, digits and `_`, starting with a letter (also how parameters are named). */
export const PLACEHOLDER_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const PLACEHOLDER_IN_TEXT = /\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/;

/** Functions whose string argument Snowflake reads as the name of a table, function or query. */
const NAMING_FUNCTIONS = new Set(['IDENTIFIER', 'TABLE', 'RESULT_SCAN']);
/** Clause words after which a comma-separated list names tables. */
const TABLE_LIST_WORDS = new Set(['FROM', 'JOIN']);
const CLAUSE_WORDS = new Set([
  'SELECT',
  'FROM',
  'JOIN',
  'ON',
  'USING',
  'WHERE',
  'GROUP',
  'HAVING',
  'QUALIFY',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'WINDOW',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'VALUES',
]);
/** Kinds a placeholder must not touch: the literal would run into them. */
const MERGING: ReadonlySet<Token['kind']> = new Set(['word', 'number', 'quoted', 'string', 'variable']);

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export interface Placeholder {
  readonly name: string;
  /** Offset of `{{` in the template. */
  readonly position: number;
  /** The significant tokens around it (undefined at either end). */
  readonly before: Token | undefined;
  readonly after: Token | undefined;
}

export type TemplatePart = { readonly token: Token } | { readonly placeholder: Placeholder };

export interface Template {
  readonly sql: string;
  /** The template in order: SQL tokens and placeholders (five tokens `{{name}}` each). */
  readonly parts: readonly TemplatePart[];
  readonly placeholders: readonly Placeholder[];
}

const isPunct = (token: Token | undefined, value: string) => token?.kind === 'punct' && token.value === value;

function show(token: Token | undefined): string {
  if (token === undefined) return 'the end';
  return token.text.length > 20 ? `${token.text.slice(0, 20)}…` : token.text;
}

/** The placeholder starting at token `i` (`{`, `{`, name, `}`, `}` with nothing between), else undefined. */
function placeholderAt(tokens: readonly Token[], i: number): string | undefined {
  if (!isPunct(tokens[i], '{') || !isPunct(tokens[i + 1], '{')) return undefined;
  const name = tokens[i + 2];
  if (name?.kind !== 'word' || !isPunct(tokens[i + 3], '}') || !isPunct(tokens[i + 4], '}')) {
    throw new TemplateError(
      `malformed placeholder at position ${(tokens[i] as Token).start}: write {{name}}, with no spaces, a name of ` +
        'lower-case letters, digits and _',
    );
  }
  if (!PLACEHOLDER_NAME.test(name.text)) {
    throw new TemplateError(
      `placeholder {{${name.text}}} at position ${(tokens[i] as Token).start}: names are lower-case letters, ` +
        'digits and _, starting with a letter',
    );
  }
  return name.text;
}

/** Parses a template and checks where each placeholder stands. Throws `TemplateError` naming the position. */
export function parseTemplate(sql: string): Template {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) {
      throw new TemplateError(`SQL not accepted at position ${error.position}: ${error.message}`);
    }
    throw error;
  }
  const parts: TemplatePart[] = [];
  const placeholders: Placeholder[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'string' || token.kind === 'quoted' || token.kind === 'comment') {
      const inside = PLACEHOLDER_IN_TEXT.exec(token.text);
      if (inside) {
        const where =
          token.kind === 'comment'
            ? 'a comment'
            : token.kind === 'quoted'
              ? 'a quoted identifier'
              : 'a string';
        throw new TemplateError(
          `${inside[0]} at position ${token.start + inside.index} is inside ${where}: a placeholder stands alone ` +
            "in the SQL (write {{name}}, not '{{name}}': the value is quoted when it is bound)",
        );
      }
    }
    const name = placeholderAt(tokens, i);
    if (name === undefined) {
      parts.push({ token });
      continue;
    }
    const placeholder: Placeholder = {
      name,
      position: token.start,
      before: significantBefore(tokens, i),
      after: significantAfter(tokens, i + 5),
    };
    checkNeighbours(tokens, i, placeholder);
    checkNotAName(tokens, i, placeholder);
    parts.push({ placeholder });
    placeholders.push(placeholder);
    i += 4;
  }
  return { sql, parts, placeholders };
}

function significantBefore(tokens: readonly Token[], i: number): Token | undefined {
  for (let j = i - 1; j >= 0; j--) if (isSignificant(tokens[j] as Token)) return tokens[j];
  return undefined;
}

function significantAfter(tokens: readonly Token[], i: number): Token | undefined {
  for (let j = i; j < tokens.length; j++) if (isSignificant(tokens[j] as Token)) return tokens[j];
  return undefined;
}

function checkNeighbours(tokens: readonly Token[], i: number, placeholder: Placeholder): void {
  const touching = [tokens[i - 1], tokens[i + 5]];
  for (const [side, token] of [
    ['before', touching[0]],
    ['after', touching[1]],
  ] as const) {
    if (token === undefined) continue;
    if (MERGING.has(token.kind) || (side === 'after' && isPunct(token, '.'))) {
      throw new TemplateError(
        `{{${placeholder.name}}} at position ${placeholder.position} touches ${show(token)} ${side} it: put a space ` +
          'or an operator between them (the bound value would run into it)',
      );
    }
  }
}

/** Refuses positions where Snowflake reads a literal as a name: parameters are values, never names. */
function checkNotAName(tokens: readonly Token[], i: number, placeholder: Placeholder): void {
  const refuse = (where: string) => {
    throw new TemplateError(
      `{{${placeholder.name}}} at position ${placeholder.position} stands ${where}: parameters are values, never ` +
        'names of tables, columns, stages or functions',
    );
  };
  const before = placeholder.before;
  if (before?.kind === 'word' && before.value === 'AS') refuse('where an alias goes (after AS)');
  if (before?.kind === 'word' && TABLE_LIST_WORDS.has(before.value))
    refuse(`where a table goes (after ${before.value})`);
  if (before?.kind === 'operator' && before.value === '@') refuse('where a stage goes (after @)');
  // Walk back at each depth: which call encloses the placeholder, and which clause a comma list belongs to.
  let depth = 0;
  let clauseChecked = !isPunct(before, ',');
  for (let j = i - 1; j >= 0; j--) {
    const token = tokens[j] as Token;
    if (isPunct(token, ')')) depth++;
    else if (isPunct(token, '(')) {
      if (depth > 0) {
        depth--;
        continue;
      }
      const caller = significantBefore(tokens, j);
      if (caller?.kind === 'word' && NAMING_FUNCTIONS.has(caller.value)) refuse(`inside ${caller.value}(…)`);
      clauseChecked = true;
    } else if (depth === 0 && !clauseChecked && token.kind === 'word' && CLAUSE_WORDS.has(token.value)) {
      if (TABLE_LIST_WORDS.has(token.value)) refuse(`in the table list of ${token.value}`);
      clauseChecked = true;
    }
  }
}
