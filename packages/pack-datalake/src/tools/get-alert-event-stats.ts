import { defineTool, ToolInputError } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId, isoDateTime } from '../params.js';
import { checkSql } from '../support/guarded.js';
import { runQuery } from '../support/query-runner.js';
import { sqlStringLiteral, sqlTimestamp } from '../support/sql-literal.js';

const DATABASE = 'panther_signals.public';
const DEFAULT_DAYS = 7;
const PAGE_SIZE = 100;

/**
 * The statistics query. Alert ids are written as escaped string literals (never pasted raw). Built from
 * constructs that Snowflake and DuckDB (the sandbox) both run: DATE_TRUNC, EXTRACT(EPOCH …), TO_TIMESTAMP,
 * ARRAY_AGG(DISTINCT …), COUNT(DISTINCT …), GROUP BY ordinals.
 */
export function buildAlertEventStatsSql(
  alertIds: readonly string[],
  minutes: number,
  start: Date,
  end: Date,
): string {
  const seconds = minutes * 60;
  return [
    'SELECT',
    "  DATE_TRUNC('day', p_event_time) AS event_day,",
    `  TO_TIMESTAMP(FLOOR(EXTRACT(EPOCH FROM p_event_time) / ${seconds}) * ${seconds}) AS time_${minutes}_minute,`,
    '  p_log_type,',
    '  ARRAY_AGG(DISTINCT p_any_ip_addresses) AS source_ips,',
    '  ARRAY_AGG(DISTINCT p_any_emails) AS emails,',
    '  ARRAY_AGG(DISTINCT p_any_usernames) AS usernames,',
    '  ARRAY_AGG(DISTINCT p_any_trace_ids) AS trace_ids,',
    '  COUNT(DISTINCT p_alert_id) AS alert_count,',
    '  ARRAY_AGG(DISTINCT p_alert_id) AS alert_ids,',
    '  ARRAY_AGG(DISTINCT p_rule_id) AS rule_ids,',
    '  ARRAY_AGG(DISTINCT p_alert_severity) AS severities,',
    '  MIN(p_event_time) AS first_event,',
    '  MAX(p_event_time) AS last_event',
    `FROM ${DATABASE}.correlation_signals`,
    `WHERE p_alert_id IN (${alertIds.map(sqlStringLiteral).join(', ')})`,
    `  AND p_event_time BETWEEN ${sqlTimestamp(start)} AND ${sqlTimestamp(end)}`,
    'GROUP BY 1, 2, 3',
    'ORDER BY 1 DESC, 2 DESC, 3',
  ].join('\n');
}

export default defineTool({
  name: 'get_alert_event_stats',
  title: 'Alert event statistics',
  description:
    "Stats of alerts' events (correlation signals) per day, time bucket and log type: IPs, emails, usernames, " +
    'trace ids, rules, severities, first/last event; default: the 7 days before end_date (now); 100 rows (more: ' +
    'query_data_lake cursor).',
  access: 'read',
  permissions: ['DataAnalyticsRead'],
  continuation: { filters: ['alert_ids', 'start_date', 'end_date'] },
  input: z.object({
    alert_ids: z.array(alertId).min(1).max(50),
    time_window: z.literal([1, 5, 15, 30, 60]).default(30).describe('bucket minutes'),
    start_date: isoDateTime.optional(),
    end_date: isoDateTime.optional(),
  }),
  async handler({ alert_ids, time_window, start_date, end_date }, context) {
    const end = end_date ?? new Date();
    const start = start_date ?? new Date(end.getTime() - DEFAULT_DAYS * 86_400_000);
    if (start.getTime() >= end.getTime()) {
      throw new ToolInputError('start_date', `must be before end_date (${end.toISOString()}).`);
    }
    const ids = [...new Set(alert_ids)];
    const checked = checkSql(buildAlertEventStatsSql(ids, time_window, start, end), DATABASE);
    const page = await runQuery(context, checked.sql, DATABASE, { timeoutSeconds: 60, pageSize: PAGE_SIZE });
    return { start: start.toISOString(), end: end.toISOString(), time_window_minutes: time_window, ...page };
  },
});
