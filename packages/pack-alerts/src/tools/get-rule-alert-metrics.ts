import { defineTool, idParam } from '@mcp-panther/core';
import { z } from 'zod';
import { endDate, metricsInterval, startDate } from '../params.js';
import { METRICS_ALERTS_PER_RULE, type SeriesWithEntityId } from '../queries.js';
import { queryMetrics, sum } from '../support/metrics.js';

// Checked in code rather than as a pattern, which would be sent with every tools/list.
const ruleId = idParam().refine((id) => !/[@\s#]/.test(id), { error: 'a rule id has no @, # or whitespace' });

export default defineTool({
  name: 'get_rule_alert_metrics',
  title: 'Get alert metrics by rule',
  description: 'Alert counts per rule, busiest first, optionally only rule_ids; default: last 7 days.',
  access: 'read',
  permissions: ['SummaryRead'],
  input: z.object({
    start_date: startDate,
    end_date: endDate,
    interval_in_minutes: metricsInterval(15),
    rule_ids: z.array(ruleId).max(100).optional(),
  }),
  async handler(input, { client, signal }) {
    const { metrics, window } = await queryMetrics<'alertsPerRule', SeriesWithEntityId>(
      client,
      METRICS_ALERTS_PER_RULE,
      input,
      signal,
    );
    const wanted = input.rule_ids?.length ? new Set(input.rule_ids) : undefined;
    const series = (metrics.alertsPerRule ?? [])
      .filter((s) => !wanted || wanted.has(s.entityId))
      .map((s) => ({ rule_id: s.entityId, label: s.label, value: s.value }))
      .sort((a, b) => b.value - a.value);
    return {
      alerts_per_rule: series,
      total_alerts: sum(series.map((s) => s.value)),
      ...window,
      ...(wanted ? { rule_ids: [...wanted] } : {}),
    };
  },
});
