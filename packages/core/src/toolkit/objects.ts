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

/** A copy of `value` without null, undefined and empty-string fields (they cost tokens and say nothing). */
export function compact<T extends JsonObject>(value: T): Partial<T> {
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null && field !== undefined && field !== '') out[key] = field;
  }
  return out as Partial<T>;
}
