/**
 * A JSON copy of any value with depth, breadth and string-length caps, for records written about untrusted input
 * (audit lines, log fields). Never throws: cycles, BigInts, functions, failing getters and `toJSON`s become markers.
 */
export interface Bounds {
  readonly maxDepth: number;
  readonly maxKeys: number;
  readonly maxItems: number;
  readonly maxString: number;
}

export const AUDIT_BOUNDS: Bounds = { maxDepth: 8, maxKeys: 64, maxItems: 100, maxString: 2_000 };

export function boundedJson(value: unknown, bounds: Bounds = AUDIT_BOUNDS): unknown {
  const seen = new Set<object>();
  const copy = (v: unknown, depth: number): unknown => {
    switch (typeof v) {
      case 'string':
        return v.length > bounds.maxString ? `${v.slice(0, bounds.maxString)}…[${v.length} chars]` : v;
      case 'number':
        return Number.isFinite(v) ? v : String(v);
      case 'boolean':
        return v;
      case 'bigint':
        return `${v.toString()}n`;
      case 'undefined':
        return null;
      case 'function':
      case 'symbol':
        return `[${typeof v}]`;
    }
    if (v === null) return null;
    const object = v as object;
    if (seen.has(object)) return '[circular]';
    if (depth >= bounds.maxDepth)
      return Array.isArray(object) ? '[array nested too deep]' : '[object nested too deep]';
    seen.add(object);
    try {
      if (Array.isArray(object)) {
        const out = object.slice(0, bounds.maxItems).map((item) => copy(item, depth + 1));
        if (object.length > bounds.maxItems) out.push(`…[${object.length - bounds.maxItems} more items]`);
        return out;
      }
      const out: Record<string, unknown> = {};
      const keys = Object.keys(object);
      for (const key of keys.slice(0, bounds.maxKeys)) {
        const name = key.length > bounds.maxString ? `${key.slice(0, bounds.maxString)}…` : key;
        try {
          out[name] = copy((object as Record<string, unknown>)[key], depth + 1);
        } catch {
          out[name] = '[unreadable]';
        }
      }
      if (keys.length > bounds.maxKeys) out['…'] = `[${keys.length - bounds.maxKeys} more keys]`;
      return out;
    } finally {
      seen.delete(object);
    }
  };
  try {
    return copy(value, 0);
  } catch {
    return '[unserialisable]';
  }
}

/** The deepest nesting of arrays and objects in a JSON-like value, stopping early past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}
