import { definePrompt } from '@mcp-panther/core';
import { completeAlertId } from './complete.js';

export default definePrompt({
  name: 'triage-alert',
  title: 'Triage one alert',
  description: 'Investigate one alert, judge whether it is a true positive and recommend what to do.',
  args: { alert_id: { description: 'The alert id', required: true } },
  complete: { alert_id: completeAlertId },
  permissions: ['AlertRead'],
  tools: [
    'get_alert',
    'get_alert_events',
    'list_alert_comments',
    'get_ai_alert_triage_summary',
    'list_alerts',
  ],
  render: ({ alert_id }) =>
    `Triage alert ${alert_id}. Read it with get_alert, its events with get_alert_events and its comments with ` +
    `list_alert_comments; use get_ai_alert_triage_summary if a Panther AI summary exists. Check related alerts ` +
    `of the same detection with list_alerts (detection_id).\n\n` +
    `Answer: what happened (who, what, where, when); true or false positive, with a confidence from 1 to 100 and the ` +
    `evidence; the status to set and a comment to add. Do not change the alert without the user's confirmation.`,
});
