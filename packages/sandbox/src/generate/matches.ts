/**
 * Runs the active detections' matchers over the lake: groups matching events into alerts, copies them
 * into panther_rule_matches (or panther_rule_errors) with the alert columns, and writes the signals.
 * All detections of one table run in one pass (a few statements per table, whatever their number).
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

type GroupRow = Record<string, unknown> & {
  rule: string;
  alert_id: string;
  n: number;
  first_ts: string;
  last_ts: string;
  created_ts: string;
  title: string | null;
  ctx: string | null;
  sources: string[];
};

export async function runMatchers(
  lake: DuckSession,
  detections: readonly DetectionSpec[],
  seed: number,
  now: Date,
): Promise<MatchedAlert[]> {
  const active = detections.filter((d) => d.matcher !== undefined);
  const byTable = new Map<string, DetectionSpec[]>();
  for (const d of active) byTable.set(d.matcher!.table, [...(byTable.get(d.matcher!.table) ?? []), d]);
  const nowSql = `TIMESTAMP ${sqlString(sqlTimestamp(now))}`;
  await lake.run(
    `CREATE OR REPLACE TEMP TABLE sbx_rules AS SELECT * FROM (VALUES ${active
      .map(
        (d) =>
          `(${sqlString(d.id)}, ${sqlString(d.severity)}, [${d.tags.map(sqlString).join(', ')}]::VARCHAR[], ` +
          `${sqlString(JSON.stringify(d.reports))}::JSON, ${d.matcher!.error === undefined ? 'NULL::VARCHAR' : sqlString(d.matcher!.error)})`,
      )
      .join(', ')}) t(id, severity, tags, reports, error)`,
  );

  const alerts: MatchedAlert[] = [];
  for (const [table, rules] of byTable) {
    const source = table === 'resource_history' ? 'panther_cloudsecurity' : 'panther_logs';
    const caseOf = (value: (d: DetectionSpec, m: Matcher) => string) =>
      `CASE __rule ${rules.map((d) => `WHEN ${sqlString(d.id)} THEN ${value(d, d.matcher!)}`).join(' ')} END`;
    await lake.run(
      `CREATE OR REPLACE TEMP TABLE sbx_m AS ${rules
        .map((d) => {
          const m = d.matcher!;
          const windowMs = (m.windowMinutes ?? d.dedupPeriodMinutes) * 60_000;
          return `SELECT t.*, ${sqlString(d.id)} AS __rule, coalesce(CAST((${m.dedup}) AS VARCHAR), '') AS __dedup,
          floor((epoch_ms(${nowSql}) - epoch_ms(p_event_time)) / ${windowMs})::BIGINT AS __bucket,
          CAST((${m.title}) AS VARCHAR) AS __title, CAST((${m.context}) AS VARCHAR) AS __ctx
        FROM ${source}.public.${table} t WHERE ${m.where}`;
        })
        .join('\nUNION ALL\n')}`,
    );
    await lake.run(`CREATE OR REPLACE TEMP TABLE sbx_g AS
      SELECT *, least(first_ts + to_seconds((30 + hash(alert_id) % 90)::BIGINT), ${nowSql}) AS created_ts FROM (
        SELECT __rule, __dedup, __bucket, md5(concat_ws('|', ${seed}, __rule, __dedup, __bucket)) AS alert_id,
          count(*)::INTEGER AS n, min(p_event_time) AS first_ts, max(p_event_time) AS last_ts,
          arg_min(__title, p_row_id) AS title, arg_min(__ctx, p_row_id) AS ctx,
          list(DISTINCT p_source_id ORDER BY p_source_id) AS sources
        FROM sbx_m GROUP BY __rule, __dedup, __bucket
        HAVING ${caseOf((_, m) => `(${m.having ?? 'count(*) >= 1'})`)}
        QUALIFY row_number() OVER (PARTITION BY __rule ORDER BY max(p_event_time) DESC,
          md5(concat_ws('|', ${seed}, __rule, __dedup, __bucket))) <= ${caseOf((_, m) => String(m.maxAlerts ?? 40))}
      )`);
    const columns = (extra: string) => `SELECT m.* EXCLUDE (__rule, __dedup, __bucket, __title, __ctx),
        g.alert_id AS p_alert_id, g.created_ts AS p_alert_creation_time, g.last_ts AS p_alert_update_time,
        g.ctx::JSON AS p_alert_context, r.severity AS p_alert_severity, m.__rule AS p_rule_id,
        r.severity AS p_rule_severity, r.tags AS p_rule_tags, r.reports AS p_rule_reports${extra}
      FROM sbx_m m JOIN sbx_g g USING (__rule, __dedup, __bucket) JOIN sbx_rules r ON r.id = m.__rule`;
    await lake.run(
      `INSERT INTO panther_rule_matches.public.${table} BY NAME ${columns('')} WHERE r.error IS NULL`,
    );
    await lake.run(
      `INSERT INTO panther_rule_errors.public.${table} BY NAME ${columns(', r.error AS p_rule_error')} WHERE r.error IS NOT NULL`,
    );
    await lake.run(`INSERT INTO panther_signals.public.correlation_signals BY NAME
      SELECT p_alert_id, p_alert_creation_time, p_rule_id, p_alert_severity, p_event_time, p_log_type, p_row_id,
        p_source_id, p_source_label, p_any_ip_addresses, p_any_emails, p_any_usernames, p_any_trace_ids, p_any_aws_arns
      FROM panther_rule_matches.public.${table}`);
    const rows = await lake.rows<GroupRow>(
      'SELECT __rule AS rule, alert_id, n, first_ts, last_ts, created_ts, title, ctx, sources FROM sbx_g ORDER BY alert_id',
    );
    for (const row of rows) {
      const detection = rules.find((d) => d.id === row.rule)!;
      const target = detection.matcher!.error === undefined ? 'panther_rule_matches' : 'panther_rule_errors';
      alerts.push({
        alertId: row.alert_id,
        detection,
        matcher: detection.matcher!,
        eventCount: row.n,
        firstEventAt: parseLakeTimestamp(row.first_ts),
        lastEventAt: parseLakeTimestamp(row.last_ts),
        createdAt: parseLakeTimestamp(row.created_ts),
        title: row.title ?? detection.displayName,
        context: row.ctx === null ? {} : (JSON.parse(row.ctx) as Record<string, unknown>),
        sourceIds: row.sources,
        eventTable: `${target}.public.${table}`,
      });
    }
  }
  await lake.run('DROP TABLE IF EXISTS sbx_m; DROP TABLE IF EXISTS sbx_g; DROP TABLE IF EXISTS sbx_rules');
  // Keep the detection order of the catalog, then alert ids: independent of table iteration order.
  const order = new Map(active.map((d, i) => [d.id, i]));
  return alerts.sort(
    (a, b) => order.get(a.detection.id)! - order.get(b.detection.id)! || a.alertId.localeCompare(b.alertId),
  );
}
