/** The alert tools' time windows: ISO-8601 UTC with milliseconds (`2024-05-01T00:00:00.000Z`). */
import { ToolInputError } from '@mcp-panther/core';

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
  startDate: Date | undefined,
  endDate: Date | undefined,
  now: number = Date.now(),
): { start: string; end: string } {
  const week = lastWeek(now);
  const end = endDate === undefined ? week.end : endDate.toISOString();
  const start =
    startDate !== undefined
      ? startDate.toISOString()
      : endDate === undefined
        ? week.start
        : new Date(Date.parse(end) - 7 * DAY).toISOString();
  if (Date.parse(start) >= Date.parse(end)) {
    throw new ToolInputError('start_date', `must be before end_date (got ${start} >= ${end})`);
  }
  return { start, end };
}
