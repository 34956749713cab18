import { definePrompt } from '@mcp-panther/core';
import { completeMonth, completeYear, monthWindow } from './complete.js';

export default definePrompt({
  name: 'get-monthly-detection-quality-report',
  title: 'Monthly detection quality report',
  description: 'Score the quality of detections for a month from alerts, detection errors and system errors.',
  args: {
    month: { description: 'Month name or number (1-12)', required: true },
    year: { description: 'Four-digit year', required: true },
  },
  complete: { month: (value) => completeMonth(value), year: (value) => completeYear(value) },
  permissions: ['AlertRead'],
  tools: [
    'list_alerts',
    'get_rule_alert_metrics',
    'get_severity_alert_metrics',
    'get_alert',
    'list_alert_comments',
  ],
  render: ({ month, year }) => {
    const window = monthWindow(month ?? '', year ?? '');
    const period = window
      ? `${month} ${year} (start_date ${window.start}, end_date ${window.end})`
      : `${month} ${year}`;
    return (
      `Write a detection quality report for ${period}. Ignore INFO alerts.\n` +
      `Data: list_alerts for alert_type ALERT, DETECTION_ERROR and SYSTEM_ERROR over the month (follow next_cursor); ` +
      `get_rule_alert_metrics and get_severity_alert_metrics for volumes; get_alert and list_alert_comments for outcomes.\n\n` +
      `Score each noisy or failing detection from 1 to 10, weighting: alert volume 25%, false-positive rate 25% ` +
      `(alerts closed without action), time to resolution 20%, severity fit 15%, entity cardinality 10%, error rate 5%.\n\n` +
      `Output: a summary with totals by severity and status; a table of detections with score, volume, FP rate and errors; ` +
      `the top detection and system errors; an action plan (tune, fix, retire), most valuable first.`
    );
  },
});
