/**
 * @mcp-panther/pack-alerts: Panther alerts, comments, AI triage and alert metrics, plus the alert triage and
 * reporting prompts. Named exports only, plus the pack as the default export for discovery.
 */
import { definePack } from '@mcp-panther/core';
import getDetectionRuleErrors from './prompts/get-detection-rule-errors.js';
import getMonthlyDetectionQualityReport from './prompts/get-monthly-detection-quality-report.js';
import getMonthlyLogSourcesReport from './prompts/get-monthly-log-sources-report.js';
import investigateActorActivity from './prompts/investigate-actor-activity.js';
import prioritizeOpenAlerts from './prompts/prioritize-open-alerts.js';
import triageAlert from './prompts/triage-alert.js';
import alertResource from './resources/alert.js';
import addAlertComment from './tools/add-alert-comment.js';
import bulkUpdateAlerts from './tools/bulk-update-alerts.js';
import getAiAlertTriageSummary from './tools/get-ai-alert-triage-summary.js';
import getAlert from './tools/get-alert.js';
import getAlertEvents from './tools/get-alert-events.js';
import getRuleAlertMetrics from './tools/get-rule-alert-metrics.js';
import getSeverityAlertMetrics from './tools/get-severity-alert-metrics.js';
import listAlertComments from './tools/list-alert-comments.js';
import listAlerts from './tools/list-alerts.js';
import startAiAlertTriage from './tools/start-ai-alert-triage.js';
import updateAlertAssignee from './tools/update-alert-assignee.js';
import updateAlertStatus from './tools/update-alert-status.js';

export const alertsPack = definePack({
  id: 'alerts',
  title: 'Alerts',
  description: 'Panther alerts, comments, AI triage and alert metrics.',
  version: '0.1.0',
  coreRange: '^0.1.0',
  tools: [
    listAlerts,
    getAlert,
    listAlertComments,
    getAlertEvents,
    updateAlertStatus,
    updateAlertAssignee,
    addAlertComment,
    bulkUpdateAlerts,
    startAiAlertTriage,
    getAiAlertTriageSummary,
    getSeverityAlertMetrics,
    getRuleAlertMetrics,
  ],
  prompts: [
    getDetectionRuleErrors,
    prioritizeOpenAlerts,
    investigateActorActivity,
    getMonthlyDetectionQualityReport,
    getMonthlyLogSourcesReport,
    triageAlert,
  ],
  resources: [alertResource],
  instructions:
    'Alert tools list compact alerts (default: last 7 days) and page with next_cursor; use get_alert for full ' +
    'details. Dates are ISO-8601 UTC.',
});

export default alertsPack;

/** What list_alerts shows of an alert by default (the bench checks its answers for them). */
export type { RestAlert } from './support/alerts.js';
export { ALERT_COLUMNS, alertRecord } from './support/alerts.js';
