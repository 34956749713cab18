import type { ChartData, ChartKind, Series } from './chart.js';
import { PALETTE } from './chart.js';
import type { TableData } from './table.js';

/**
 * Picks a chart from a result's columns: a time series when there is a time column and numbers, bars when there
 * is a text column and numbers (a group-by count). Pure, so it is tested without a browser.
 */

const TIME_NAME = /(^|_)(time|date|day|hour|minute|week|month|ts|timestamp)$|time$|^p_event_time$/i;
const MAX_SERIES = 8;
const MAX_BARS = 60;

/** Seconds since the epoch for a date-time value (ISO or Snowflake's "YYYY-MM-DD hh:mm:ss.sss", UTC). */
export function toSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

function columnIs(table: TableData, index: number, test: (value: unknown) => boolean): boolean {
  const values = table.rows.map((row) => row[index]).filter((v) => v !== null && v !== undefined);
  return values.length > 0 && values.every(test);
}

export interface ColumnRoles {
  readonly time: number | undefined;
  readonly category: number | undefined;
  readonly numbers: readonly number[];
}

export function columnRoles(table: TableData): ColumnRoles {
  let time: number | undefined;
  let category: number | undefined;
  const numbers: number[] = [];
  table.columns.forEach((name, index) => {
    if (
      columnIs(
        table,
        index,
        (v) => typeof v === 'number' || (toNumber(v) !== undefined && !/id$/i.test(name)),
      )
    ) {
      numbers.push(index);
    } else if (
      time === undefined &&
      columnIs(table, index, (v) => toSeconds(v) !== undefined) &&
      (TIME_NAME.test(name) || table.rows.length > 1)
    ) {
      time = index;
    } else if (
      category === undefined &&
      columnIs(table, index, (v) => typeof v === 'string' || typeof v === 'boolean')
    ) {
      category = index;
    }
  });
  return { time, category, numbers };
}

/** The chart kinds these columns allow, best first. */
export function chartKinds(roles: ColumnRoles): ChartKind[] {
  if (roles.numbers.length === 0) return [];
  const kinds: ChartKind[] = [];
  if (roles.time !== undefined) kinds.push('time');
  if (roles.category !== undefined || roles.time !== undefined) kinds.push('bars');
  return kinds;
}

function pivotByCategory(table: TableData, roles: ColumnRoles): Series[] | undefined {
  if (roles.category === undefined || roles.numbers.length !== 1) return undefined;
  const names = [...new Set(table.rows.map((row) => String(row[roles.category!])))];
  if (names.length > MAX_SERIES) return undefined;
  return names.map((name, i) => ({ label: name, values: [], color: PALETTE[i % PALETTE.length]! }));
}

/** The chart of `kind` for a table, with its one-sentence summary. */
export function chartFor(table: TableData, roles: ColumnRoles, kind: ChartKind): ChartData {
  const numbers = roles.numbers.slice(0, MAX_SERIES);
  const names = numbers.map((i) => table.columns[i]!).join(', ');
  if (kind === 'time' && roles.time !== undefined) {
    const t = roles.time;
    const rows = table.rows
      .map((row) => ({ row, at: toSeconds(row[t]) }))
      .filter((r): r is { row: readonly unknown[]; at: number } => r.at !== undefined)
      .sort((a, b) => a.at - b.at);
    const pivot = pivotByCategory(table, roles);
    if (pivot) {
      const times = [...new Set(rows.map((r) => r.at))];
      const at = new Map(times.map((time, i) => [time, i]));
      const values = pivot.map(() => times.map(() => null as number | null));
      const byName = new Map(pivot.map((s, i) => [s.label, i]));
      for (const { row, at: time } of rows) {
        const series = byName.get(String(row[roles.category!]))!;
        values[series]![at.get(time)!] =
          (values[series]![at.get(time)!] ?? 0) + (toNumber(row[numbers[0]!]) ?? 0);
      }
      return {
        kind,
        x: times,
        series: pivot.map((s, i) => ({ ...s, values: values[i]! })),
        summary: `Line chart of ${table.columns[numbers[0]!]} over ${table.columns[t]} for each ${table.columns[roles.category!]}: ${times.length} times, ${pivot.length} series.`,
      };
    }
    return {
      kind,
      x: rows.map((r) => r.at),
      series: numbers.map((index, i) => ({
        label: table.columns[index]!,
        values: rows.map((r) => toNumber(r.row[index]) ?? null),
        color: PALETTE[i % PALETTE.length]!,
      })),
      summary: `Line chart of ${names} over ${table.columns[t]}: ${rows.length} points.`,
    };
  }
  const labelIndex = roles.category ?? roles.time!;
  const rows = table.rows.slice(0, MAX_BARS);
  return {
    kind: 'bars',
    x: rows.map((row) => String(row[labelIndex] ?? '')),
    series: numbers.map((index, i) => ({
      label: table.columns[index]!,
      values: rows.map((row) => toNumber(row[index]) ?? null),
      color: PALETTE[i % PALETTE.length]!,
    })),
    summary: `Bar chart of ${names} by ${table.columns[labelIndex]}: ${rows.length} bars${table.rows.length > MAX_BARS ? ` (first ${MAX_BARS} of ${table.rows.length} rows)` : ''}.`,
  };
}
