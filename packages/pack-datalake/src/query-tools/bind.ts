/**
 * Binding: each placeholder of a template is replaced by the SQL literal of its value (written by the one literal
 * routine, support/sql-literal.ts). The result is then read again with the guard's tokenizer and must be exactly
 * the template's own tokens with each placeholder's literal tokens in its place: a value can add a literal, never
 * a token of SQL, and can never join the SQL beside it. That check is cheap and holds whatever the value is, so a
 * mistake anywhere upstream shows up as a refusal, not as a different query.
 */
import { type Token, tokenize } from '../sql/tokenize.js';
import type { Template } from './template.js';

export class BindingError extends Error {
  override readonly name = 'BindingError';
}

/** One value: a string, a number, or a parenthesised negative number (`(-5)`). */
function literalAt(tokens: readonly Token[], i: number): number {
  const token = tokens[i];
  if (token?.kind === 'string' || token?.kind === 'number') return i + 1;
  const [open, minus, number, close] = tokens.slice(i, i + 4);
  const negative =
    open?.kind === 'punct' &&
    open.value === '(' &&
    minus?.kind === 'operator' &&
    minus.value === '-' &&
    number?.kind === 'number' &&
    close?.kind === 'punct' &&
    close.value === ')';
  return negative ? i + 4 : -1;
}

/** Literals separated by commas (and spaces): what a value may become, and nothing else. */
function isLiteralList(all: readonly Token[]): boolean {
  const tokens = all.filter((token) => token.kind !== 'space');
  let i = 0;
  for (;;) {
    i = literalAt(tokens, i);
    if (i < 0) return false;
    if (i === tokens.length) return true;
    const comma = tokens[i];
    if (comma?.kind !== 'punct' || comma.value !== ',') return false;
    i++;
  }
}

/** The template with every placeholder replaced by `literals.get(name)` (SQL text made by the literal routine). */
export function bindTemplate(template: Template, literals: ReadonlyMap<string, string>): string {
  let sql = '';
  const expected: string[] = [];
  for (const part of template.parts) {
    if ('token' in part) {
      sql += part.token.text;
      expected.push(part.token.text);
      continue;
    }
    const literal = literals.get(part.placeholder.name);
    if (literal === undefined) throw new BindingError(`no value for {{${part.placeholder.name}}}`);
    const tokens = tokenize(literal);
    if (!isLiteralList(tokens))
      throw new BindingError(`the value of {{${part.placeholder.name}}} is not a literal`);
    sql += literal;
    for (const token of tokens) expected.push(token.text);
  }
  const actual: Token[] = tokenize(sql);
  const same = actual.length === expected.length && actual.every((token, i) => token.text === expected[i]);
  if (!same) throw new BindingError('a bound value changed the structure of the SQL');
  return sql;
}
