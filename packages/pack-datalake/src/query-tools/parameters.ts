/**
 * Typed parameters of query tools: how the config declares them, the zod schema a tool's input gets from them,
 * and the SQL literal a value becomes. Four types:
 * - `string`: `maxLength` (default 256, at most 10,000), `minLength` (default 1), `pattern` (matched against the
 *   whole value) or `enum`;
 * - `integer`: `minimum` and `maximum`, both required;
 * - `window`: a time window from a fixed set (`15m` … `90d`), bound as its length in seconds, which both
 *   `p_occurs_since({{window}})` and `DATEADD(second, -{{window}}, CURRENT_TIMESTAMP())` take;
 * - `list`: strings (each like a `string` parameter's `items`), bound as `'a', 'b'` and used as `IN ({{name}})`.
 * A parameter with a `default` is optional. Every string value is refused when it holds characters no literal
 * may hold (control characters, lone surrogates), with a message that names the argument.
 */
import { z } from 'zod';
import {
  describeUnbindable,
  sqlIntegerLiteral,
  sqlStringLiteral,
  unbindableCharacter,
} from '../support/sql-literal.js';

export const MAX_STRING_LENGTH = 10_000;
export const MAX_LIST_ITEMS = 1_000;

/** Time windows a `window` parameter may offer, and their length in seconds. */
export const WINDOWS = {
  '15m': 900,
  '30m': 1_800,
  '1h': 3_600,
  '3h': 10_800,
  '6h': 21_600,
  '12h': 43_200,
  '24h': 86_400,
  '2d': 172_800,
  '3d': 259_200,
  '7d': 604_800,
  '14d': 1_209_600,
  '30d': 2_592_000,
  '90d': 7_776_000,
} as const;
export type WindowName = keyof typeof WINDOWS;
const WINDOW_NAMES = Object.keys(WINDOWS) as [WindowName, ...WindowName[]];

const description = z.string().min(1).max(500).optional();
const regexSource = z
  .string()
  .min(1)
  .max(1_000)
  .refine((source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression (JavaScript syntax, Unicode mode)');

const stringShape = {
  minLength: z.int().min(0).max(MAX_STRING_LENGTH).default(1),
  maxLength: z.int().min(1).max(MAX_STRING_LENGTH).default(256),
  pattern: regexSource.optional(),
  enum: z.array(z.string().max(MAX_STRING_LENGTH)).min(1).max(200).optional(),
};

const stringParameter = z.strictObject({
  type: z.literal('string'),
  description,
  ...stringShape,
  default: z.string().max(MAX_STRING_LENGTH).optional(),
});

const integerParameter = z.strictObject({
  type: z.literal('integer'),
  description,
  minimum: z.int(),
  maximum: z.int(),
  default: z.int().optional(),
});

const windowParameter = z.strictObject({
  type: z.literal('window'),
  description,
  values: z.array(z.enum(WINDOW_NAMES)).min(1).optional(),
  default: z.enum(WINDOW_NAMES).optional(),
});

const listParameter = z.strictObject({
  type: z.literal('list'),
  description,
  items: z.strictObject(stringShape).default({ minLength: 1, maxLength: 256 }),
  minItems: z.int().min(1).max(MAX_LIST_ITEMS).default(1),
  maxItems: z.int().min(1).max(MAX_LIST_ITEMS).default(100),
  default: z.array(z.string().max(MAX_STRING_LENGTH)).optional(),
});

export const parameterSchema = z.discriminatedUnion('type', [
  stringParameter,
  integerParameter,
  windowParameter,
  listParameter,
]);
export type ParameterSpec = z.output<typeof parameterSchema>;
type StringRules = z.output<typeof stringParameter>;
type ItemRules = z.output<typeof listParameter>['items'];

/** Names a query tool's input already uses. */
export const RESERVED_PARAMETERS: ReadonlySet<string> = new Set(['max_rows', 'cursor', 'query_id']);

/** Problems with one parameter's declaration (bounds, default), as sentences. Empty when it is sound. */
export function parameterProblems(spec: ParameterSpec): string[] {
  const problems: string[] = [];
  const checkString = (rules: ItemRules, value: string, what: string) => {
    const schema = stringSchema(rules);
    const parsed = schema.safeParse(value);
    if (!parsed.success) problems.push(`${what} ${JSON.stringify(value)} ${parsed.error.issues[0]?.message}`);
  };
  switch (spec.type) {
    case 'string':
    case 'list': {
      const rules: ItemRules = spec.type === 'string' ? spec : spec.items;
      if (rules.minLength > rules.maxLength)
        problems.push(`minLength ${rules.minLength} is above maxLength ${rules.maxLength}`);
      if (rules.enum && rules.pattern) problems.push('give enum or pattern, not both');
      for (const value of rules.enum ?? []) checkString({ ...rules, enum: undefined }, value, 'enum value');
      if (spec.type === 'string' && spec.default !== undefined) checkString(spec, spec.default, 'default');
      if (spec.type === 'list') {
        if (spec.minItems > spec.maxItems)
          problems.push(`minItems ${spec.minItems} is above maxItems ${spec.maxItems}`);
        if (spec.default !== undefined) {
          if (spec.default.length < spec.minItems || spec.default.length > spec.maxItems) {
            problems.push(
              `default has ${spec.default.length} items; allowed are ${spec.minItems} to ${spec.maxItems}`,
            );
          }
          for (const item of spec.default) checkString(spec.items, item, 'default item');
        }
      }
      break;
    }
    case 'integer':
      if (!Number.isSafeInteger(spec.minimum) || !Number.isSafeInteger(spec.maximum)) {
        problems.push('minimum and maximum must be safe integers');
      } else if (spec.minimum > spec.maximum) {
        problems.push(`minimum ${spec.minimum} is above maximum ${spec.maximum}`);
      }
      if (spec.default !== undefined && (spec.default < spec.minimum || spec.default > spec.maximum)) {
        problems.push(`default ${spec.default} is outside ${spec.minimum}..${spec.maximum}`);
      }
      break;
    case 'window':
      if (spec.default !== undefined && !windowsOf(spec).includes(spec.default)) {
        problems.push(`default ${spec.default} is not one of values (${windowsOf(spec).join(', ')})`);
      }
      break;
  }
  return problems;
}

function windowsOf(spec: Extract<ParameterSpec, { type: 'window' }>): WindowName[] {
  return spec.values ?? WINDOW_NAMES;
}

/** A string as `rules` allow it; refuses what no literal may hold. */
function stringSchema(rules: ItemRules | StringRules): z.ZodType<string> {
  const bindable = (schema: z.ZodString) =>
    schema.superRefine((value, ctx) => {
      const found = unbindableCharacter(value);
      if (found) ctx.addIssue({ code: 'custom', message: describeUnbindable(found) });
    });
  if (rules.enum) return z.enum(rules.enum as [string, ...string[]]) as unknown as z.ZodType<string>;
  let schema = z.string().min(rules.minLength).max(rules.maxLength);
  if (rules.pattern) {
    // Matched against the whole value: a pattern written without anchors still describes all of it.
    schema = schema.regex(new RegExp(`^(?:${rules.pattern})$`, 'u'), `must match ${rules.pattern}`);
  }
  return bindable(schema);
}

/** The zod schema of one parameter in a tool's input (with its description and default). */
export function parameterInput(spec: ParameterSpec): z.ZodType {
  let schema: z.ZodType;
  switch (spec.type) {
    case 'string':
      schema = stringSchema(spec);
      break;
    case 'integer':
      schema = z.int().min(spec.minimum).max(spec.maximum);
      break;
    case 'window':
      schema = z.enum(windowsOf(spec) as [WindowName, ...WindowName[]]);
      break;
    case 'list':
      schema = z.array(stringSchema(spec.items)).min(spec.minItems).max(spec.maxItems);
      break;
  }
  if (spec.description) schema = schema.describe(spec.description);
  return spec.default === undefined ? schema : schema.default(spec.default as never);
}

/** The SQL literal a parsed value becomes. */
export function parameterLiteral(spec: ParameterSpec, value: unknown): string {
  switch (spec.type) {
    case 'string':
      return sqlStringLiteral(value as string);
    case 'integer':
      return sqlIntegerLiteral(value as number);
    case 'window':
      return sqlIntegerLiteral(WINDOWS[value as WindowName]);
    case 'list':
      return (value as string[]).map(sqlStringLiteral).join(', ');
  }
}

/** A value of the parameter for checking the template at load time: the default, else the smallest valid one. */
export function sampleValue(spec: ParameterSpec): unknown {
  if (spec.default !== undefined) return spec.default;
  const sampleString = (rules: ItemRules) => rules.enum?.[0] ?? 'x'.repeat(Math.max(rules.minLength, 1));
  switch (spec.type) {
    case 'string':
      return sampleString(spec);
    case 'integer':
      return spec.minimum;
    case 'window':
      return windowsOf(spec)[0];
    case 'list':
      return Array.from({ length: spec.minItems }, () => sampleString(spec.items));
  }
}

/** The longest SQL literal a value of the parameter can become (every character a doubled quote). */
export function longestLiteral(spec: ParameterSpec): number {
  const longestString = (rules: ItemRules) =>
    rules.enum
      ? Math.max(...rules.enum.map((value) => sqlStringLiteral(value).length))
      : 2 * rules.maxLength + 2;
  switch (spec.type) {
    case 'string':
      return longestString(spec);
    case 'integer':
      return Math.max(sqlIntegerLiteral(spec.minimum).length, sqlIntegerLiteral(spec.maximum).length);
    case 'window':
      return 10;
    case 'list':
      return spec.maxItems * (longestString(spec.items) + 2);
  }
}
