import { defineView } from '@mcp-panther/core';
import { viewHtml } from '@mcp-panther/views';

/** Alert metrics: alerts per severity as stacked bars over time, and alerts per rule. */
export default defineView({
  uri: 'ui://panther/metrics',
  title: 'Alert metrics',
  description: 'Alerts per severity as stacked bars over time, and alerts per rule.',
  calls: ['get_rule_alert_metrics'],
  html: viewHtml.metrics,
});
