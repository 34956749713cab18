import { z } from 'zod';

type JsonObject = Record<string, unknown>;

/**
 * The JSON Schema a client sees for a tool's input or output: enums, bounds, defaults, descriptions and `$defs`
 * (schemas given an `id` with `.meta({ id })`) kept; `$schema` dropped (it costs characters on every
 * `tools/list`) unless the tool's schema declares it with `.meta({ $schema })`.
 */
export function toolJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const memo = io === 'input' ? inputMemo : outputMemo;
  let json = memo.get(schema);
  if (json === undefined) {
    json = convert(schema, io);
    memo.set(schema, json);
  }
  return json;
}

// Schemas are module constants of their pack: converting each once serves validation, every host and every
// tools/list. Callers must not mutate the result (it is shared).
const inputMemo = new WeakMap<z.ZodType, JsonObject>();
const outputMemo = new WeakMap<z.ZodType, JsonObject>();

function convert(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  if (schema.meta()?.['$schema'] === undefined) delete json['$schema'];
  if (json['type'] === undefined) json['type'] = 'object';
  return json;
}
