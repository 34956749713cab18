import { definePrompt } from '@mcp-panther/core';
import { completeEndDate, completeStartDate } from './complete.js';

export default definePrompt({
  name: 'get-detection-rule-errors',
  title: 'Find detection rule errors',
  description: 'Find detection errors in a time window, explain their root causes and propose fixes.',
  args: {
    start_date: { description: 'Window start, ISO-8601 (e.g. 2024-05-01T00:00:00Z)', required: true },
    end_date: { description: 'Window end, ISO-8601', required: true },
  },
  complete: { start_date: (value) => completeStartDate(value), end_date: (value) => completeEndDate(value) },
  permissions: ['AlertRead'],
  tools: ['list_alerts', 'get_alert', 'get_alert_events'],
  render: ({ start_date, end_date }) =>
    `You are an expert in Python and Panther detections. Find the detection errors created from ${start_date} to ${end_date}: ` +
    `call list_alerts with alert_type DETECTION_ERROR and those dates, following next_cursor until done. ` +
    `For each error, read it with get_alert and the failing events with get_alert_events, then name the rule, ` +
    `the root cause (which field or assumption broke) and a concrete code fix. Group errors that share a cause, ` +
    `most frequent first.`,
});
