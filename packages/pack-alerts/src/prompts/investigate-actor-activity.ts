import { definePrompt } from '@mcp-panther/core';

export default definePrompt({
  name: 'investigate-actor-activity',
  title: 'Investigate actor activity',
  description: 'Investigate everything one actor (user, role, IP) did, alerted or not, and report findings.',
  args: { actor: { description: 'User name, email, role ARN or IP address to investigate', required: true } },
  permissions: { anyOf: ['AlertRead', 'DataAnalyticsRead'] },
  tools: ['list_alerts', 'get_alert', 'get_alert_events', 'query_data_lake'],
  render: ({ actor }) =>
    `Investigate the activity of ${actor} thoroughly, including events that raised no alert.\n` +
    `1. Find alerts involving the actor: list_alerts (name_contains, wider dates when needed), then get_alert and get_alert_events.\n` +
    `2. Search the data lake with query_data_lake for the actor in p_any_* fields and actor columns, over time slices ` +
    `(e.g. one day at a time) with a p_event_time filter, to see their full activity and what is unusual.\n` +
    `3. Pivot on the IPs, resources and sessions you find.\n\n` +
    `Report with these sections: Executive Summary; Timeline (UTC, source log type per entry); Notable Findings; ` +
    `Confidence Assessment (what is proven, what is inferred); Recommendations. Cite alert ids and queries.`,
});
