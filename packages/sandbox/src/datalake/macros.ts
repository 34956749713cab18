/**
 * Panther's time macros (panther-api.md §4.3), expanded before the SQL runs:
 *   p_occurs_since(offset[, alias[, column]])
 *   p_occurs_between(start, end[, alias[, column]])
 *   p_occurs_around(timestamp, offset[, alias[, column]])
 *   p_occurs_after(timestamp[, alias[, column]])  and  p_occurs_before(...)
 * Offsets are seconds or "<n> <unit>" (s, m, h, d, w and their long forms). Literal times become
 * TIMESTAMP literals computed from `now`, so an expanded query is fixed in time.
 */
import { sqlTimestamp } from '../store/duck.js';
import { rewriteCalls, stringLiteral } from './sqlScan.js';

export class MacroError extends Error {
  override readonly name = 'MacroError';
}

const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  wk: 604_800,
  wks: 604_800,
  week: 604_800,
  weeks: 604_800,
};

/** An offset in seconds: `900`, `'900'`, `'6 d'`, `'2 weeks'`, `'96hrs'`. */
export function parseOffset(raw: string, macro: string): number {
  const text = stringLiteral(raw) ?? raw.trim();
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m?.[2]?.toLowerCase() ?? '';
  const factor = unit === '' ? 1 : UNITS[unit];
  if (m === null || factor === undefined) {
    throw new MacroError(
      `${macro}: invalid offset ${raw}; use seconds or a number and a unit, e.g. '6 d', '2 weeks', '96 hrs', 900`,
    );
  }
  return Number(m[1]) * factor;
}

/** A time argument: a quoted timestamp becomes a literal; anything else is kept as a SQL expression. */
function timeArg(raw: string, macro: string): string {
  const text = stringLiteral(raw);
  if (text === undefined) return `CAST(${raw} AS TIMESTAMP)`;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text.trim(),
  );
  const date = m === null ? undefined : new Date(`${m[1]}T${m[2] ?? '00:00:00'}${normaliseZone(m[3])}`);
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new MacroError(`${macro}: invalid timestamp ${raw}; use UTC like '2024-01-02 15:04:05.000'`);
  }
  return lit(date);
}

function normaliseZone(zone: string | undefined): string {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

function lit(date: Date): string {
  return `TIMESTAMP '${sqlTimestamp(date)}'`;
}

/** Alias and column arguments may be quoted or bare identifiers. */
function identArg(raw: string | undefined, what: string, macro: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const text = stringLiteral(raw) ?? raw;
  if (!/^[A-Za-z_][\w$]*$/.test(text)) throw new MacroError(`${macro}: invalid ${what} ${raw}`);
  return text;
}

function column(args: string[], from: number, macro: string): string {
  const alias = identArg(args[from], 'table alias', macro);
  const col = identArg(args[from + 1], 'column', macro) ?? 'p_event_time';
  return alias === undefined ? col : `${alias}.${col}`;
}

function arity(macro: string, args: string[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    throw new MacroError(`${macro} takes ${min} to ${max} arguments, got ${args.length}`);
  }
}

export function expandMacros(sql: string, now: Date): string {
  return rewriteCalls(sql, /^p_occurs_(since|between|around|after|before)$/i, (fn, args) => {
    const macro = fn.toLowerCase();
    switch (macro) {
      case 'p_occurs_since': {
        arity(macro, args, 1, 3);
        const since = new Date(now.getTime() - parseOffset(args[0]!, macro) * 1000);
        return `(${column(args, 1, macro)} >= ${lit(since)})`;
      }
      case 'p_occurs_between':
        arity(macro, args, 2, 4);
        return `(${column(args, 2, macro)} BETWEEN ${timeArg(args[0]!, macro)} AND ${timeArg(args[1]!, macro)})`;
      case 'p_occurs_around': {
        arity(macro, args, 2, 4);
        const center = timeArg(args[0]!, macro);
        const seconds = parseOffset(args[1]!, macro);
        return `(${column(args, 2, macro)} BETWEEN ${center} - to_microseconds(${Math.round(seconds * 1e6)}::BIGINT) AND ${center} + to_microseconds(${Math.round(seconds * 1e6)}::BIGINT))`;
      }
      case 'p_occurs_after':
        arity(macro, args, 1, 3);
        return `(${column(args, 1, macro)} > ${timeArg(args[0]!, macro)})`;
      default:
        arity(macro, args, 1, 3);
        return `(${column(args, 1, macro)} < ${timeArg(args[0]!, macro)})`;
    }
  });
}
