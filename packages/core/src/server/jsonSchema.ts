import { z } from 'zod';

type JsonObject = Record<string, unknown>;

/**
 * The JSON Schema a client sees for a tool's input or output: enums, bounds, defaults and descriptions kept;
 * `$schema` dropped (it costs characters on every `tools/list`).
 */
export function toolJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  delete json['$schema'];
  if (json['type'] === undefined) json['type'] = 'object';
  return json;
}
