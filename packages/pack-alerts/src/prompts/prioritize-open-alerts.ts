import { definePrompt } from '@mcp-panther/core';
import { completeEndDate, completeSeverities, completeStartDate } from './complete.js';

export default definePrompt({
  name: 'prioritize-open-alerts',
  title: 'Prioritize open alerts',
  description: 'Group the open alerts of a time window by actor or entity and rank the groups by risk.',
  args: {
    start_date: { description: 'Window start, ISO-8601 (e.g. 2024-05-01T00:00:00Z)', required: true },
    end_date: { description: 'Window end, ISO-8601', required: true },
    severities: { description: 'Comma-separated severities, e.g. CRITICAL,HIGH', required: false },
  },
  complete: {
    start_date: (value) => completeStartDate(value),
    end_date: (value) => completeEndDate(value),
    severities: (value) => completeSeverities(value),
  },
  permissions: ['AlertRead'],
  tools: ['list_alerts', 'get_alert_events'],
  render: ({ start_date, end_date, severities }) => {
    const severityFilter = severities?.trim()
      ? ` and severities [${severities
          .split(',')
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean)
          .join(', ')}]`
      : '';
    return (
      `Triage the open alerts created from ${start_date} to ${end_date}. Call list_alerts with statuses [OPEN]` +
      `${severityFilter} and those dates, following next_cursor until done. Use get_alert_events for evidence.\n\n` +
      `Group related alerts by the actor or entity involved. For each group write a markdown heading, most urgent first, with:\n` +
      `- actor and target\n- the activity pattern\n- detection rule ids\n- IP addresses, users and systems involved\n` +
      `- legitimate or suspicious, with a confidence from 1 to 100 and why\n- the questions to answer next\n\n` +
      `Do not change any alert; recommend status changes instead.`
    );
  },
});
