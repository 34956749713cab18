/**
 * metrics(input): alert counts from the platform store and ingestion figures from the lake, in buckets
 * of `intervalInMinutes` keyed by the bucket's start (`2024-03-20T00:00:00Z`). Labels follow what
 * clients parse: "Rule CRITICAL" / "Policy HIGH", entityId = detection id, bytes labelled by log type.
 */
import type { SandboxContext } from '../../context.js';
import { findDetection } from '../../services/detections.js';
import { sqlString, sqlTimestamp } from '../../store/duck.js';
import type { AlertRecord } from '../../store/types.js';
import { gqlError, requirePermission } from '../errors.js';
import type { Args, RootResolvers } from '../types.js';

/** Typical bytes per event of each log type, to turn event counts into ingestion volumes. */
const BYTES_PER_EVENT: Record<string, number> = {
  'AWS.CloudTrail': 1450,
  'AWS.VPCFlow': 190,
  'Okta.SystemLog': 2100,
  'GitHub.Audit': 640,
};
const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
const MAX_BUCKETS = 5000;

interface Window {
  from: Date;
  to: Date;
  minutes: number;
  keys: string[];
}

function bucketKey(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function windowOf(input: Args): Window {
  const from = new Date(String(input['fromDate']));
  const to = new Date(String(input['toDate']));
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw gqlError('fromDate and toDate must be DateTimes', 'BAD_USER_INPUT');
  }
  if (from >= to) throw gqlError('fromDate must be before toDate', 'BAD_USER_INPUT');
  const span = to.getTime() - from.getTime();
  const given = input['intervalInMinutes'];
  const minutes = given == null ? (span <= 2 * 86_400_000 ? 60 : 1440) : Number(given);
  if (!Number.isInteger(minutes) || minutes < 1)
    throw gqlError('intervalInMinutes must be a positive integer', 'BAD_USER_INPUT');
  const count = Math.ceil(span / (minutes * 60_000));
  if (count > MAX_BUCKETS)
    throw gqlError(
      `intervalInMinutes is too small for this range (over ${MAX_BUCKETS} buckets)`,
      'BAD_USER_INPUT',
    );
  const keys = Array.from({ length: count }, (_, i) =>
    bucketKey(new Date(from.getTime() + i * minutes * 60_000)),
  );
  return { from, to, minutes, keys };
}

function bucketOf(w: Window, date: Date): string | undefined {
  const i = Math.floor((date.getTime() - w.from.getTime()) / (w.minutes * 60_000));
  return w.keys[i];
}

function emptyBreakdown(w: Window): Record<string, number> {
  return Object.fromEntries(w.keys.map((k) => [k, 0]));
}

async function detectionAlerts(ctx: SandboxContext, w: Window): Promise<AlertRecord[]> {
  return (await ctx.store.alertsBetween(w.from, w.to)).filter((a) => a.listing === 'ALERT');
}

async function ingestion(ctx: SandboxContext, w: Window) {
  const rows = await ctx.lake.internal.rows<{ log_type: string; bucket: string; n: number; latency: number }>(
    `SELECT p_log_type AS log_type,
       time_bucket(INTERVAL '${w.minutes} minutes', p_event_time, TIMESTAMP ${sqlString(sqlTimestamp(w.from))}) AS bucket,
       count(*)::INTEGER AS n, avg(epoch(p_parse_time) - epoch(p_event_time))::DOUBLE AS latency
     FROM panther_views.public.all_logs
     WHERE p_event_time >= TIMESTAMP ${sqlString(sqlTimestamp(w.from))} AND p_event_time < TIMESTAMP ${sqlString(sqlTimestamp(w.to))}
     GROUP BY ALL`,
  );
  const byType = new Map<
    string,
    { events: Record<string, number>; bytes: Record<string, number>; latency: number[] }
  >();
  for (const row of rows) {
    const entry = byType.get(row.log_type) ?? {
      events: emptyBreakdown(w),
      bytes: emptyBreakdown(w),
      latency: [],
    };
    byType.set(row.log_type, entry);
    const key = bucketOf(w, new Date(`${row.bucket.replace(' ', 'T')}Z`));
    if (key === undefined) continue;
    entry.events[key] = (entry.events[key] ?? 0) + row.n;
    entry.bytes[key] = (entry.bytes[key] ?? 0) + row.n * (BYTES_PER_EVENT[row.log_type] ?? 500);
    entry.latency.push(row.latency);
  }
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  const types = [...byType.keys()].sort();
  return {
    events: types.map((t) => ({
      label: t,
      value: sum(byType.get(t)!.events),
      breakdown: byType.get(t)!.events,
    })),
    bytes: types.map((t) => ({
      label: t,
      value: sum(byType.get(t)!.bytes),
      breakdown: byType.get(t)!.bytes,
    })),
    latency: types.map((t) => {
      const l = byType.get(t)!.latency;
      return {
        label: t,
        value: Math.round((l.reduce((a, b) => a + b, 0) / Math.max(1, l.length)) * 10) / 10,
      };
    }),
  };
}

export const metricsResolvers: RootResolvers = {
  metrics(args, context) {
    requirePermission(context, 'SummaryRead');
    const ctx = context.ctx;
    const w = windowOf(args['input'] as Args);
    let lake: ReturnType<typeof ingestion> | undefined;
    const lakeFigures = () => {
      lake ??= ingestion(ctx, w);
      return lake;
    };
    return {
      async alertsPerSeverity() {
        const series = new Map<string, Record<string, number>>();
        for (const kind of ['Rule', 'Policy']) {
          for (const severity of SEVERITY_ORDER) series.set(`${kind} ${severity}`, emptyBreakdown(w));
        }
        for (const alert of await detectionAlerts(ctx, w)) {
          const label = `${alert.doc.type === 'POLICY' ? 'Policy' : 'Rule'} ${alert.doc.severity}`;
          const key = bucketOf(w, new Date(alert.doc.createdAt));
          const breakdown = series.get(label);
          if (key !== undefined && breakdown !== undefined) breakdown[key] = (breakdown[key] ?? 0) + 1;
        }
        return [...series].map(([label, breakdown]) => ({
          label,
          value: Object.values(breakdown).reduce((a, b) => a + b, 0),
          breakdown,
        }));
      },
      async alertsPerRule() {
        const counts = new Map<string, { label: string; value: number }>();
        for (const alert of await detectionAlerts(ctx, w)) {
          const id = alert.doc.detection?.id;
          if (id === undefined) continue;
          const entry = counts.get(id) ?? { label: id, value: 0 };
          entry.value++;
          counts.set(id, entry);
        }
        for (const [id, entry] of counts) {
          const doc = await findDetection(ctx.store, id);
          if (doc !== undefined) entry.label = String(doc['displayName'] ?? id);
        }
        return [...counts]
          .map(([entityId, e]) => ({ entityId, label: e.label, value: e.value }))
          .sort((a, b) => b.value - a.value || a.entityId.localeCompare(b.entityId));
      },
      async totalAlerts() {
        return (await detectionAlerts(ctx, w)).length;
      },
      async bytesProcessedPerSource() {
        return (await lakeFigures()).bytes;
      },
      async eventsProcessedPerLogType() {
        return (await lakeFigures()).events;
      },
      async latencyPerLogType() {
        return (await lakeFigures()).latency;
      },
      async bytesIngestedPerSource() {
        return (await lakeFigures()).bytes.map(({ label, value }) => ({ label, value }));
      },
      async totalBytesProcessed() {
        return (await lakeFigures()).bytes.reduce((a, s) => a + s.value, 0);
      },
      async totalBytesIngested() {
        return (await lakeFigures()).bytes.reduce((a, s) => a + s.value, 0);
      },
      async totalEventsProcessed() {
        return (await lakeFigures()).events.reduce((a, s) => a + s.value, 0);
      },
      bytesQueriedPerSource() {
        return [];
      },
      totalBytesQueried() {
        return ctx.queries
          .list()
          .filter((q) => q.startedAt >= w.from && q.startedAt <= w.to)
          .reduce((a, q) => a + (q.result?.bytesScanned ?? 0), 0);
      },
    };
  },
};
