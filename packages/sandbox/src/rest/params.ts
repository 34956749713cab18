import { badRequest } from '../server/respond.js';

/** Reads and validates query parameters; every problem is a 400 naming the parameter. */
export class Params {
  constructor(private readonly query: URLSearchParams) {}

  string(name: string): string | undefined {
    const value = this.query.get(name);
    return value === null || value === '' ? undefined : value;
  }

  /** Repeated keys (`severity=HIGH&severity=LOW`); empty values are ignored. */
  strings(name: string): string[] {
    return this.query.getAll(name).filter((v) => v !== '');
  }

  /** Repeated keys and comma-separated values both count (`ids=a,b` or `ids=a&ids=b`). */
  list(name: string): string[] {
    return this.strings(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }

  int(name: string, bounds: { min?: number; max?: number } = {}): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be an integer, got "${raw}"`);
    const value = Number(raw);
    if (bounds.min !== undefined && value < bounds.min)
      throw badRequest(`${name} must be at least ${bounds.min}`);
    if (bounds.max !== undefined && value > bounds.max)
      throw badRequest(`${name} must be at most ${bounds.max}`);
    return value;
  }

  limit(defaultValue: number, max: number): number {
    return this.int('limit', { min: 1, max }) ?? defaultValue;
  }

  bool(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw badRequest(`${name} must be true or false, got "${raw}"`);
  }

  oneOf<T extends string>(
    name: string,
    allowed: readonly T[],
    options: { caseInsensitive?: boolean } = {},
  ): T | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    return check(name, raw, allowed, options.caseInsensitive ?? false);
  }

  manyOf<T extends string>(
    name: string,
    allowed: readonly T[],
    options: { caseInsensitive?: boolean } = {},
  ): T[] {
    return this.strings(name).map((raw) => check(name, raw, allowed, options.caseInsensitive ?? false));
  }

  /** ISO-8601 (with Z or an offset) or epoch seconds. */
  date(name: string): Date | undefined {
    const raw = this.string(name);
    return raw === undefined ? undefined : parseDateParam(name, raw);
  }
}

function check<T extends string>(
  name: string,
  raw: string,
  allowed: readonly T[],
  caseInsensitive: boolean,
): T {
  const found = allowed.find((a) => (caseInsensitive ? a.toLowerCase() === raw.toLowerCase() : a === raw));
  if (found === undefined) throw badRequest(`${name} must be one of ${allowed.join(', ')}; got "${raw}"`);
  return found;
}

export function parseDateParam(name: string, input: string): Date {
  // An unencoded '+' of a zone offset arrives as a space.
  const raw = input.replace(/T(.*) (\d{2}:?\d{2})$/, 'T$1+$2');
  if (/^\d{9,11}$/.test(raw)) return new Date(Number(raw) * 1000);
  if (/^\d{12,14}$/.test(raw)) return new Date(Number(raw));
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(raw);
  // A date-time without a zone is UTC here, as everywhere in Panther (JS would read it as local time).
  const text =
    iso?.[1] !== undefined && iso[4] === undefined ? `${raw.replace(' ', 'T')}Z` : raw.replace(' ', 'T');
  const date = new Date(text);
  if (iso === null || Number.isNaN(date.getTime())) {
    throw badRequest(
      `${name} must be an ISO-8601 date-time (2024-03-20T00:00:00Z) or epoch seconds; got "${raw}"`,
    );
  }
  return date;
}

/** A JSON object body, or a 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
