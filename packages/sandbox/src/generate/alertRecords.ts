/** Turns matched groups into alerts with a plausible triage history: status, assignee, comments. */
import type { AlertRecord, AlertStatus, CommentDoc, UserDoc } from '../store/types.js';
import type { MatchedAlert } from './matches.js';
import { md5Hex, Random } from './random.js';
import { LOG_SOURCES } from './world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SLACK_OUTPUT_ID = '2b8f1c3d-4e5a-4b6c-9d7e-8f9a0b1c2d3e';
export const PAGERDUTY_OUTPUT_ID = '7c6b5a49-3827-4165-9e4d-3c2b1a0f9e8d';

const COMMENTS = [
  'Looking into this now.',
  'Confirmed with the user over Slack: this was expected, part of a planned change.',
  'Source IP belongs to a hosting provider, not to us. Escalating to incident response.',
  'Correlated with the Okta logs: same address tried to log in earlier today.',
  'False positive: CI pipeline run. Tuning ticket filed (SEC-1423).',
  'Credentials rotated and sessions revoked. Monitoring for further activity.',
  'Duplicate of an alert already under investigation.',
  'No further activity after the change was reverted. Resolving.',
];

/** Where an alert was sent: Slack for every alert, PagerDuty too for HIGH and CRITICAL (which may fail). */
export function deliveriesOf(
  m: MatchedAlert,
  listing: AlertRecord['listing'],
  rng: Random,
): Record<string, unknown>[] {
  const deliveries: Record<string, unknown>[] = [];
  if (listing !== 'ALERT') return deliveries;
  deliveries.push({
    dispatchedAt: new Date(m.createdAt.getTime() + 2000).toISOString(),
    label: '#security-alerts',
    message: 'Successfully sent to Slack',
    outputId: SLACK_OUTPUT_ID,
    statusCode: 200,
    success: true,
  });
  if (m.detection.severity === 'HIGH' || m.detection.severity === 'CRITICAL') {
    const ok = !rng.chance(0.1);
    deliveries.push({
      dispatchedAt: new Date(m.createdAt.getTime() + 3000).toISOString(),
      label: 'PagerDuty: Security On-Call',
      message: ok ? 'Incident created' : 'Request failed: 500 Internal Server Error',
      outputId: PAGERDUTY_OUTPUT_ID,
      statusCode: ok ? 202 : 500,
      success: ok,
    });
  }
  return deliveries;
}

/** The alert document of a matched group (REST field names). */
export function alertDoc(
  m: MatchedAlert,
  type: AlertRecord['doc']['type'],
  deliveries: Record<string, unknown>[],
  now: Date,
): AlertRecord['doc'] {
  const d = m.detection;
  const logTypes = d.logTypes ?? d.resourceTypes ?? [];
  return {
    id: m.alertId,
    type,
    title: m.title,
    severity: d.severity,
    createdAt: m.createdAt.toISOString(),
    firstEventOccurredAt: m.firstEventAt.toISOString(),
    lastReceivedEventAt: new Date(Math.min(now.getTime(), m.lastEventAt.getTime() + 20_000)).toISOString(),
    eventCount: m.eventCount,
    description: d.description,
    reference: d.reference ?? '',
    runbook: d.runbook,
    context: m.context,
    deliveries,
    detection: {
      id: d.id,
      type: d.kind === 'policies' ? 'POLICY' : d.kind === 'scheduled-rules' ? 'SCHEDULED_RULE' : 'RULE',
    },
    systemError: null,
    logTypes: d.kind === 'policies' ? [] : logTypes,
    logSources: m.sourceIds,
    resourceTypes: d.resourceTypes ?? [],
  };
}

export function typeOf(alert: MatchedAlert): {
  type: AlertRecord['doc']['type'];
  listing: AlertRecord['listing'];
} {
  const kind = alert.detection.kind;
  const errored = alert.matcher.error !== undefined;
  if (kind === 'policies') return { type: 'POLICY', listing: 'ALERT' };
  if (kind === 'scheduled-rules') {
    return errored
      ? { type: 'SCHEDULED_RULE_ERROR', listing: 'DETECTION_ERROR' }
      : { type: 'SCHEDULED_RULE', listing: 'ALERT' };
  }
  return errored ? { type: 'RULE_ERROR', listing: 'DETECTION_ERROR' } : { type: 'RULE', listing: 'ALERT' };
}

function triage(rng: Random, ageMs: number): AlertStatus {
  if (ageMs < DAY)
    return rng.weighted<AlertStatus>([
      ['OPEN', 7],
      ['TRIAGED', 3],
    ]);
  if (ageMs < 5 * DAY) {
    return rng.weighted<AlertStatus>([
      ['OPEN', 3],
      ['TRIAGED', 3],
      ['RESOLVED', 3],
      ['CLOSED', 1],
    ]);
  }
  return rng.weighted<AlertStatus>([
    ['OPEN', 1],
    ['TRIAGED', 1],
    ['RESOLVED', 5],
    ['CLOSED', 3],
  ]);
}

export interface AlertHistory {
  alerts: AlertRecord[];
  comments: CommentDoc[];
}

export function buildAlerts(
  matched: readonly MatchedAlert[],
  seed: number,
  now: Date,
  assignees: readonly UserDoc[],
): AlertHistory {
  const alerts: AlertRecord[] = [];
  const comments: CommentDoc[] = [];
  for (const m of matched) {
    // One generator per alert: its history does not depend on which other alerts exist.
    const rng = new Random(`${seed}|${m.alertId}`);
    const { type, listing } = typeOf(m);
    const ageMs = now.getTime() - m.createdAt.getTime();
    const status = triage(rng, ageMs);
    const assigned =
      status === 'OPEN' ? rng.chance(0.25) : status === 'CLOSED' ? rng.chance(0.6) : rng.chance(0.9);
    const assignee = assigned ? rng.pick(assignees) : undefined;
    const touched = status !== 'OPEN' || assignee !== undefined;
    const updatedAt = touched
      ? new Date(Math.min(now.getTime() - 60_000, m.createdAt.getTime() + rng.int(5, 600) * 60_000))
      : null;
    alerts.push({
      doc: alertDoc(m, type, deliveriesOf(m, listing, rng), now),
      listing,
      status,
      assigneeId: assignee?.id ?? null,
      updatedAt: updatedAt?.toISOString() ?? null,
      updatedBy: touched && assignee !== undefined ? { id: assignee.id, type: 'user' } : null,
      eventTable: m.eventTable,
    });
    if (status !== 'OPEN' && assignee !== undefined && rng.chance(0.6)) {
      const count = rng.int(1, 3);
      for (let i = 0; i < count; i++) {
        const at = new Date(
          Math.min(now.getTime() - 30_000, m.createdAt.getTime() + (i + 1) * rng.int(3, 90) * 60_000),
        );
        const actor = { id: assignee.id, type: 'user' as const };
        comments.push({
          id: md5Hex(seed, 'comment', m.alertId, i).slice(0, 24),
          alertId: m.alertId,
          body: COMMENTS[(i === count - 1 && status === 'RESOLVED' ? 7 : rng.int(0, 6)) % COMMENTS.length]!,
          format: 'PLAIN_TEXT',
          createdAt: at.toISOString(),
          createdBy: actor,
          updatedAt: at.toISOString(),
          updatedBy: actor,
        });
      }
    }
  }
  alerts.push(...systemErrors(seed, now));
  return { alerts, comments };
}

function systemErrors(seed: number, now: Date): AlertRecord[] {
  const defs: [
    type: string,
    sourceLabel: string,
    component: string,
    title: string,
    severity: string,
    ageHours: number,
  ][] = [
    [
      'SOURCE_NO_DATA',
      'Custom App Logs',
      'LOG_SOURCE',
      'Log source Custom App Logs has not sent data for 24 hours',
      'HIGH',
      20,
    ],
    [
      'SOURCE_CLASSIFICATION_FAILURES',
      'Legacy Firewall Syslog',
      'LOG_SOURCE',
      'Classification failures for Legacy Firewall Syslog',
      'MEDIUM',
      50,
    ],
    [
      'ALERT_DELIVERY',
      'PagerDuty: Security On-Call',
      'DESTINATION',
      'Alert delivery to PagerDuty: Security On-Call failed',
      'LOW',
      110,
    ],
    [
      'SOURCE_PERMISSIONS_CHECKS',
      'AWS prod account scan',
      'CLOUD_ACCOUNT',
      'Permission checks failing for AWS prod account scan',
      'MEDIUM',
      200,
    ],
  ];
  return defs.map(([errorType, label, component, title, severity, ageHours], i) => {
    const source = LOG_SOURCES.find((s) => s.label === label);
    const created = new Date(now.getTime() - ageHours * HOUR);
    return {
      doc: {
        id: md5Hex(seed, 'system-error', errorType),
        type: 'SYSTEM_ERROR',
        title,
        severity,
        createdAt: created.toISOString(),
        firstEventOccurredAt: null,
        lastReceivedEventAt: created.toISOString(),
        eventCount: 0,
        description: `${title}. Check the ${component === 'DESTINATION' ? 'destination' : 'source'} configuration and health page.`,
        reference: 'https://docs.panther.com/system-health',
        runbook: 'Open the health page of the component, fix the cause, then resolve this alert.',
        context: { component: label },
        deliveries: [],
        detection: null,
        systemError: {
          type: errorType,
          sourceId: source?.id ?? PAGERDUTY_OUTPUT_ID,
          sourceType: source?.integrationType ?? 'pagerduty',
          relatedComponent: component,
        },
        logTypes: source?.logTypes ?? [],
        logSources: source === undefined ? [] : [source.id],
        resourceTypes: [],
      },
      listing: 'SYSTEM_ERROR',
      status: i === 2 ? 'RESOLVED' : 'OPEN',
      assigneeId: null,
      updatedAt: null,
      updatedBy: null,
      eventTable: null,
    };
  });
}
