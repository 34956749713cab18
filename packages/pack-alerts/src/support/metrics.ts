import type { PantherClient } from '@mcp-panther/core';
import type { MetricsResult } from '../queries.js';
import { resolveWindow } from './time.js';

export interface MetricsWindow {
  readonly start_date: string;
  readonly end_date: string;
  readonly interval_in_minutes: number;
}

/** Runs a `metrics(input)` query over the resolved window (default: the last 7 days), cached as metrics. */
export async function queryMetrics<K extends string, S>(
  client: PantherClient,
  document: string,
  input: { start_date?: Date | undefined; end_date?: Date | undefined; interval_in_minutes: number },
  signal: AbortSignal,
): Promise<{ metrics: MetricsResult<K, S>['metrics']; window: MetricsWindow }> {
  const { start, end } = resolveWindow(input.start_date, input.end_date);
  const data = await client.graphql<MetricsResult<K, S>>(
    document,
    { input: { fromDate: start, toDate: end, intervalInMinutes: input.interval_in_minutes } },
    { cacheKind: 'metrics', signal },
  );
  return {
    metrics: data.metrics,
    window: { start_date: start, end_date: end, interval_in_minutes: input.interval_in_minutes },
  };
}

/** Keeps only non-zero buckets of a breakdown (a 15-minute series over a week has 672 mostly empty buckets). */
export function nonZero(
  breakdown: Readonly<Record<string, number>> | null | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [at, value] of Object.entries(breakdown ?? {})) if (value) out[at] = value;
  return out;
}

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
