import { definePrompt } from '@mcp-panther/core';
import { completeMonth, completeYear, monthWindow } from './complete.js';

export default definePrompt({
  name: 'get-monthly-log-sources-report',
  title: 'Monthly log sources report',
  description: 'Check the health of every log source for a month and explain the problems found.',
  args: {
    month: { description: 'Month name or number (1-12)', required: true },
    year: { description: 'Four-digit year', required: true },
  },
  complete: { month: (value) => completeMonth(value), year: (value) => completeYear(value) },
  permissions: { anyOf: ['LogSourceRead', 'AlertRead'] },
  tools: ['list_log_sources', 'list_alerts', 'get_alert', 'query_data_lake'],
  render: ({ month, year }) => {
    const window = monthWindow(month ?? '', year ?? '');
    const period = window ? `${month} ${year} (${window.start} to ${window.end})` : `${month} ${year}`;
    return (
      `Report on the health of all log sources for ${period}.\n` +
      `1. List every source with list_log_sources (healthy and unhealthy) and note its health checks.\n` +
      `2. For unhealthy sources, find SYSTEM_ERROR alerts in the month with list_alerts (alert_type SYSTEM_ERROR) ` +
      `and read them with get_alert.\n` +
      `3. For classification failures, query panther_monitor.public.classification_failures with query_data_lake, ` +
      `filtered by p_source_id and p_event_time in the month, and summarise the failing log types and sample errors.\n\n` +
      `Output: a table of sources (name, type, health, issues), then each problem with its cause and fix.`
    );
  },
});
