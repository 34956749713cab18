import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { endDate, metricsInterval, SEVERITIES, severity, startDate } from '../params.js';
import { METRICS_ALERTS_PER_SEVERITY, type SeriesWithBreakdown } from '../queries.js';
import { nonZero, queryMetrics, sum } from '../support/metrics.js';
import alertMetrics from '../views/alert-metrics.js';

export default defineTool({
  name: 'get_severity_alert_metrics',
  title: 'Get alert metrics by severity',
  description:
    'Alert counts per type (Rule, Policy) and severity with non-empty time buckets; default: last 7 days, no INFO.',
  access: 'read',
  permissions: ['SummaryRead'],
  view: alertMetrics,
  input: z.object({
    start_date: startDate,
    end_date: endDate,
    alert_types: z
      .array(z.enum(['Rule', 'Policy']))
      .min(1)
      .max(2)
      .default(['Rule', 'Policy']),
    severities: z
      .array(severity)
      .min(1)
      .max(SEVERITIES.length)
      .default(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']),
    interval_in_minutes: metricsInterval(1440),
  }),
  async handler(input, { client, signal }) {
    const { metrics, window } = await queryMetrics<'alertsPerSeverity', SeriesWithBreakdown>(
      client,
      METRICS_ALERTS_PER_SEVERITY,
      input,
      signal,
    );
    // Labels look like "Rule CRITICAL"; keep a series when it names a wanted type and a wanted severity.
    const has = (label: string, word: string) => label.toUpperCase().includes(word.toUpperCase());
    const series = (metrics.alertsPerSeverity ?? [])
      .filter(
        (s) =>
          input.alert_types.some((t) => has(s.label, t)) && input.severities.some((v) => has(s.label, v)),
      )
      .map((s) => ({ label: s.label, value: s.value, breakdown: nonZero(s.breakdown) }));
    return { alerts_per_severity: series, total_alerts: sum(series.map((s) => s.value)), ...window };
  },
});
