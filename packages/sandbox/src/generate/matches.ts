/**
 * Runs each active detection's matcher over the lake: groups matching events into alerts, copies them
 * into panther_rule_matches (or panther_rule_errors) with the alert columns, and writes the signals.
 * Alert ids hash (seed, detection, dedup key, window); windows count back from "now", so the same seed
 * gives the same ids on every start.
 */
import { type DuckSession, sqlString, sqlTimestamp } from '../store/duck.js';
import type { DetectionSpec, Matcher } from './detections/types.js';

export interface MatchedAlert {
  alertId: string;
  detection: DetectionSpec;
  matcher: Matcher;
  eventCount: number;
  firstEventAt: Date;
  lastEventAt: Date;
  createdAt: Date;
  title: string;
  context: Record<string, unknown>;
  sourceIds: string[];
  /** Where its events are: `panther_rule_matches.public.aws_cloudtrail`. */
  eventTable: string;
}

export function parseLakeTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

export async function runMatchers(
  lake: DuckSession,
  detections: readonly DetectionSpec[],
  seed: number,
  now: Date,
): Promise<MatchedAlert[]> {
  const alerts: MatchedAlert[] = [];
  const nowSql = `TIMESTAMP ${sqlString(sqlTimestamp(now))}`;
  for (const detection of detections) {
    const m = detection.matcher;
    if (m === undefined) continue;
    const source = m.table === 'resource_history' ? 'panther_cloudsecurity' : 'panther_logs';
    const target = m.error === undefined ? 'panther_rule_matches' : 'panther_rule_errors';
    const windowMs = (m.windowMinutes ?? detection.dedupPeriodMinutes) * 60_000;
    const id = sqlString(detection.id);
    const severity = sqlString(detection.severity);
    await lake.run(`CREATE OR REPLACE TEMP TABLE sbx_m AS
      SELECT t.*, coalesce(CAST((${m.dedup}) AS VARCHAR), '') AS __dedup,
        floor((epoch_ms(${nowSql}) - epoch_ms(p_event_time)) / ${windowMs})::BIGINT AS __bucket
      FROM ${source}.public.${m.table} t WHERE ${m.where}`);
    await lake.run(`CREATE OR REPLACE TEMP TABLE sbx_g AS
      SELECT __dedup, __bucket, md5(concat_ws('|', ${seed}, ${id}, __dedup, __bucket)) AS alert_id,
        count(*)::INTEGER AS n, min(p_event_time) AS first_ts, max(p_event_time) AS last_ts,
        arg_min(${m.title}, p_row_id) AS title, arg_min(CAST((${m.context}) AS VARCHAR), p_row_id) AS ctx,
        list(DISTINCT p_source_id ORDER BY p_source_id) AS sources
      FROM sbx_m GROUP BY __dedup, __bucket HAVING ${m.having ?? 'count(*) >= 1'}
      QUALIFY row_number() OVER (ORDER BY max(p_event_time) DESC, alert_id) <= ${m.maxAlerts ?? 40}`);
    await lake.run(`ALTER TABLE sbx_g ADD COLUMN created_ts TIMESTAMP;
      UPDATE sbx_g SET created_ts = least(first_ts + to_seconds((30 + hash(alert_id) % 90)::BIGINT), ${nowSql})`);
    const extra = m.error === undefined ? '' : `, ${sqlString(m.error)} AS p_rule_error`;
    await lake.run(`INSERT INTO ${target}.public.${m.table} BY NAME
      SELECT m.* EXCLUDE (__dedup, __bucket), g.alert_id AS p_alert_id, g.created_ts AS p_alert_creation_time,
        g.last_ts AS p_alert_update_time, g.ctx::JSON AS p_alert_context, ${severity} AS p_alert_severity,
        ${id} AS p_rule_id, ${severity} AS p_rule_severity,
        [${detection.tags.map(sqlString).join(', ')}]::VARCHAR[] AS p_rule_tags,
        ${sqlString(JSON.stringify(detection.reports))}::JSON AS p_rule_reports${extra}
      FROM sbx_m m JOIN sbx_g g USING (__dedup, __bucket)`);
    if (m.error === undefined) {
      await lake.run(`INSERT INTO panther_signals.public.correlation_signals BY NAME
        SELECT p_alert_id, p_alert_creation_time, p_rule_id, p_alert_severity, p_event_time, p_log_type, p_row_id,
          p_source_id, p_source_label, p_any_ip_addresses, p_any_emails, p_any_usernames, p_any_trace_ids, p_any_aws_arns
        FROM panther_rule_matches.public.${m.table} WHERE p_rule_id = ${id}`);
    }
    const rows = await lake.rows<{
      alert_id: string;
      n: number;
      first_ts: string;
      last_ts: string;
      created_ts: string;
      title: string | null;
      ctx: string | null;
      sources: string[];
    }>('SELECT alert_id, n, first_ts, last_ts, created_ts, title, ctx, sources FROM sbx_g ORDER BY alert_id');
    for (const row of rows) {
      alerts.push({
        alertId: row.alert_id,
        detection,
        matcher: m,
        eventCount: row.n,
        firstEventAt: parseLakeTimestamp(row.first_ts),
        lastEventAt: parseLakeTimestamp(row.last_ts),
        createdAt: parseLakeTimestamp(row.created_ts),
        title: row.title ?? detection.displayName,
        context: row.ctx === null ? {} : (JSON.parse(row.ctx) as Record<string, unknown>),
        sourceIds: row.sources,
        eventTable: `${target}.public.${m.table}`,
      });
    }
  }
  await lake.run('DROP TABLE IF EXISTS sbx_m; DROP TABLE IF EXISTS sbx_g');
  return alerts;
}
