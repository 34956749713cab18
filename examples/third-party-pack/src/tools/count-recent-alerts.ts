import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { recentAlertsView } from '../views/recent-alerts.js';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
const PAGE_SIZE = 50;

interface AlertsPage {
  results: { severity?: string }[];
  next?: string | null;
}

/** Counts alerts created in the last N hours, by severity, paging through Panther's REST API. */
export const countRecentAlerts = defineTool({
  name: 'example_count_recent_alerts',
  title: 'Count recent alerts',
  description:
    'Count alerts created in the last N hours, by severity. Use it for a quick overview before listing alerts.',
  access: 'read',
  permissions: ['AlertRead'],
  view: recentAlertsView,
  input: z.object({
    hours: z.int().min(1).max(168).default(24).describe('How far back to look, in hours'),
    severities: z
      .array(z.enum(SEVERITIES))
      .max(SEVERITIES.length)
      .default([])
      .describe('Only these severities (default: all)'),
  }),
  output: z.object({
    hours: z.number(),
    total: z.number(),
    by_severity: z.record(z.string(), z.number()),
    truncated: z.boolean(),
  }),
  async handler({ hours, severities }, { client, config, signal, progress, logger }) {
    const { maxPages } = config as { maxPages: number };
    const since = new Date(Date.now() - hours * 3_600_000).toISOString();
    const bySeverity: Record<string, number> = {};
    let total = 0;
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.rest<AlertsPage>({
        method: 'GET',
        path: '/alerts',
        query: {
          'created-after': since,
          severity: severities,
          type: 'ALERT',
          'sort-dir': 'desc',
          limit: PAGE_SIZE,
          cursor,
        },
        cacheKind: 'alerts',
        signal,
      });
      for (const alert of page.results) {
        const key = alert.severity ?? 'UNKNOWN';
        bySeverity[key] = (bySeverity[key] ?? 0) + 1;
        total += 1;
      }
      cursor = page.next ?? undefined;
      pages += 1;
      await progress(pages, maxPages, `${total} alerts counted`);
    } while (cursor && pages < maxPages);
    logger.debug('counted alerts', { total, pages });
    return { hours, total, by_severity: bySeverity, truncated: cursor !== undefined };
  },
});
