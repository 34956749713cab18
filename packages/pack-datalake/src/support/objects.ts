/** Small helpers for shaping Panther objects into compact tool results. */

export type JsonObject = Record<string, unknown>;

/** Copies an object without null, undefined and empty-string values (they cost tokens and say nothing). */
export function compact<T extends JsonObject>(value: T): Partial<T> {
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null || field === undefined || field === '') continue;
    out[key] = field;
  }
  return out as Partial<T>;
}
