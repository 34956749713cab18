import fc from 'fast-check';

/**
 * fast-check arbitraries for a tool's arguments, made from the JSON Schema the server publishes in tools/list:
 * mostly well-formed values, mixed with the inputs a careless model or a hostile prompt produces (wrong types,
 * lone surrogates, very long strings, injection text, impossible dates, extreme numbers, extra and missing keys).
 */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  'x\uD800y',
  '\uDC00',
  'a\uDBFF',
  '\u0000',
  '\r\n\t',
  "' OR '1'='1",
  '"; DROP TABLE t; --',
  '../../etc/passwd',
  '%2F..%2F',
  '{{7*7}}',
  '$(id)',
  '<script>alert(1)</script>',
  'SELECT 1',
  '2024-13-45T99:99:99Z',
  'yesterday',
  '0',
  '-1',
  'null',
  '🙂'.repeat(50),
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'A'.repeat(n)) },
);

const hostileNumber = fc.constantFrom(
  -1,
  0,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 53,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
);

/** Nested arrays and objects, up to `depth` levels. */
function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { deeper: value };
  return value;
}

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  fc.integer({ min: 2, max: 40 }).map(nested),
);

function types(schema: JsonSchema): readonly string[] {
  if (schema.type === undefined) return [];
  return typeof schema.type === 'string' ? [schema.type] : schema.type;
}

const VALID_DATES = ['2024-03-20T00:00:00Z', '2024-03-20T00:00:00.000Z', '2024-03-20'];

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time' || schema.format === 'date') {
    return fc.oneof(
      fc.constantFrom(...VALID_DATES),
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
  }
  if (schema.pattern !== undefined) {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? 200));
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
}

function validNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low =
    schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1_000 : schema.exclusiveMinimum + 1);
  const high =
    schema.maximum ?? (schema.exclusiveMaximum === undefined ? 1_000 : schema.exclusiveMaximum - 1);
  const min = Math.max(low, -1_000_000);
  const max = Math.min(high, Math.max(min, 1_000_000));
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value the schema accepts (as far as the schema says). */
export function validValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((alternative) => validValue(alternative, depth)));
  }
  const [type] = types(schema).filter((t) => t !== 'null');
  switch (type) {
    case 'string':
      return validString(schema);
    case 'integer':
      return validNumber(schema, true);
    case 'number':
      return validNumber(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(schema.items ? anyValue(schema.items, depth + 1) : hostileString, {
        minLength,
        maxLength,
      });
    }
    case 'object':
      return depth > 4 ? fc.constant({}) : argumentsArbitrary(schema, depth + 1);
    default:
      return fc.oneof(hostileString, wrongType);
  }
}

/** A value the schema may or may not accept. */
export function anyValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const isString = types(schema).includes('string') || schema.enum?.some((v) => typeof v === 'string');
  return fc.oneof(
    { weight: 6, arbitrary: validValue(schema, depth) },
    { weight: isString ? 3 : 1, arbitrary: hostileString },
    { weight: 2, arbitrary: wrongType },
  );
}

/** Arguments for a tool: each property present or not, required ones mostly present, sometimes an extra key. */
export function argumentsArbitrary(schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const entries = properties.map(([name, property]) =>
    fc
      .option(anyValue(property, depth), { freq: required.has(name) ? 12 : 2, nil: undefined })
      .map((value) => [name, value] as const),
  );
  return fc
    .tuple(
      fc.tuple(...entries),
      fc.oneof(
        { weight: 7, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', 'x'), wrongType) },
      ),
    )
    .map(([values, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [name, value] of values) if (value !== undefined) out[name] = value;
      if (extra) out[extra[0]] = extra[1];
      return out;
    });
}
