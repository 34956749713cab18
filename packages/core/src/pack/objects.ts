/** Shaping Panther's objects into compact tool results. */

export type JsonObject = Record<string, unknown>;

/** Keeps only `fields` that `item` has (own, not undefined), in that order. */
export function pick(item: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const field of fields) {
    if (Object.hasOwn(item, field) && item[field] !== undefined) out[field] = item[field];
  }
  return out;
}
