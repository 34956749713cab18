import { defineView } from '@mcp-panther/core';
import { viewHtml } from '@mcp-panther/views';

/** The alert triage board: list_alerts' alerts by severity and status, an alert's detail and events, and actions. */
export default defineView({
  uri: 'ui://panther/alerts',
  title: 'Alert triage board',
  description:
    'Alerts by severity and status, sortable and filterable, with detail, events and triage actions.',
  calls: [
    'list_alerts',
    'get_alert',
    'get_alert_events',
    'update_alert_status',
    'update_alert_assignee',
    'add_alert_comment',
  ],
  html: viewHtml.alerts,
});
