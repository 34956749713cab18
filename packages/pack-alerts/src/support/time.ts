/** Dates as the alert tools send them: ISO-8601 UTC with milliseconds (`2024-05-01T00:00:00.000Z`). */
import { ToolInputError } from '@mcp-panther/core';

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** True for `2024-05-01`, `2024-05-01T10:00:00Z`, `2024-05-01 10:00:00+02:00` and similar. */
export function isIsoDate(value: string): boolean {
  return ISO.test(value) && !Number.isNaN(parseIso(value).getTime());
}

/** Parses an ISO-8601 value; a value without an offset is UTC (not local time, as `Date` would assume). */
export function parseIso(value: string): Date {
  let text = value.trim().replace(' ', 'T');
  if (!text.includes('T')) text += 'T00:00:00';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) text += 'Z';
  return new Date(text);
}

export const toIso = (value: string): string => parseIso(value).toISOString();

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * The default window of the alert and metrics tools: the last 7 days, from the start of the hour 7 days ago to
 * the end of the current hour (whole hours keep the cache key stable within an hour).
 */
export function lastWeek(now: number = Date.now()): { start: string; end: string } {
  const hour = Math.floor(now / HOUR) * HOUR;
  return {
    start: new Date(hour - 7 * DAY).toISOString(),
    end: new Date(hour + HOUR - 1000).toISOString(),
  };
}

/**
 * Resolves optional start/end dates: a missing end is the end of the current hour; a missing start is 7 days
 * before the end. Throws a ToolInputError when the window is empty.
 */
export function resolveWindow(
  startDate: string | undefined,
  endDate: string | undefined,
  now: number = Date.now(),
): { start: string; end: string } {
  const week = lastWeek(now);
  const end = endDate === undefined ? week.end : toIso(endDate);
  const start =
    startDate !== undefined
      ? toIso(startDate)
      : endDate === undefined
        ? week.start
        : new Date(Date.parse(end) - 7 * DAY).toISOString();
  if (Date.parse(start) >= Date.parse(end)) {
    throw new ToolInputError('start_date', `must be before end_date (got ${start} >= ${end})`);
  }
  return { start, end };
}
