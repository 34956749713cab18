/** Completion helpers for prompt arguments: dates, months, years, severities and alert ids. */
import type { PromptContext, RestPage } from '@mcp-panther/core';
import { SEVERITIES } from '../params.js';
import type { RestAlert } from '../support/alerts.js';
import { DAY, lastWeek } from '../support/time.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const startsWith = (candidate: string, value: string) =>
  candidate.toLowerCase().startsWith(value.toLowerCase());
const dayStart = (ms: number) =>
  `${new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10)}T00:00:00Z`;

/** Start dates an analyst usually wants: 1, 7 and 30 days ago, at midnight UTC. */
export function completeStartDate(value: string, now: number = Date.now()): string[] {
  return [1, 7, 30].map((days) => dayStart(now - days * DAY)).filter((c) => startsWith(c, value));
}

/** End dates: the end of the current hour, and today at midnight UTC. */
export function completeEndDate(value: string, now: number = Date.now()): string[] {
  const endOfHour = `${lastWeek(now).end.slice(0, 19)}Z`;
  return [endOfHour, dayStart(now)].filter((c) => startsWith(c, value));
}

/** Month names, or the numbers 1–12 once a digit is typed. */
export function completeMonth(value: string): string[] {
  const numbers = MONTHS.map((_, i) => String(i + 1));
  return (/^\d/.test(value) ? numbers : [...MONTHS]).filter((c) => startsWith(c, value));
}

/** This year and the two before it. */
export function completeYear(value: string, now: number = Date.now()): string[] {
  const year = new Date(now).getUTCFullYear();
  return [year, year - 1, year - 2].map(String).filter((c) => startsWith(c, value));
}

/** A comma-separated severity list: completes the last item and keeps what came before. */
export function completeSeverities(value: string): string[] {
  const items = value.split(',');
  const last = (items.pop() ?? '').trim();
  const chosen = new Set(items.map((item) => item.trim().toUpperCase()));
  const prefix = items.length > 0 ? `${items.map((item) => item.trim()).join(',')},` : '';
  return SEVERITIES.filter((s) => !chosen.has(s) && startsWith(s, last)).map((s) => prefix + s);
}

/** Ids of recent alerts (last 7 days, newest first) starting with the typed value. */
export async function completeAlertId(value: string, { client, signal }: PromptContext): Promise<string[]> {
  const { start, end } = lastWeek();
  const page = await client.rest<RestPage<RestAlert>>({
    method: 'GET',
    path: '/alerts',
    query: { type: 'ALERT', limit: 50, 'sort-dir': 'desc', 'created-after': start, 'created-before': end },
    cacheKind: 'alerts',
    signal,
  });
  return (page.results ?? [])
    .map((alert) => alert.id)
    .filter((id) => startsWith(id, value))
    .slice(0, 20);
}

/** The UTC window of a month given as a name, an abbreviation or a number; undefined when unreadable. */
export function monthWindow(month: string, year: string): { start: string; end: string } | undefined {
  const text = month.trim().toLowerCase();
  const byNumber = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  const index =
    byNumber >= 1 && byNumber <= 12
      ? byNumber - 1
      : text.length >= 3
        ? MONTHS.findIndex((name) => name.toLowerCase().startsWith(text))
        : -1;
  const y = Number(year.trim());
  if (index < 0 || !Number.isInteger(y) || y < 2000 || y > 2100) return undefined;
  const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
  return { start: iso(Date.UTC(y, index, 1)), end: iso(Date.UTC(y, index + 1, 1)) };
}
