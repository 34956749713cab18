/**
 * A deterministic "AI triage" of an alert, written from the alert, its detection and its events. No
 * model is involved: the text is built from counts and lookups so that tests can rely on it.
 */
import type { SandboxContext } from '../context.js';
import { ASN_ROWS } from '../generate/reference.js';
import { alertEvents } from '../services/alerts.js';
import { findDetection } from '../services/detections.js';
import type { AlertRecord } from '../store/types.js';

const ACTION_FIELDS = ['eventName', 'eventType', 'action', 'resourceType'];

function top(counts: Map<string, number>, n: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

function bump(counts: Map<string, number>, value: unknown): void {
  if (typeof value === 'string' && value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((a, p) => a * 256 + p, 0);
}

/** The ASN row of an address, from the sandbox's ipinfo_asn lookup table. */
export function asnOf(ip: string): { name: string; type: string } | undefined {
  const value = ipv4ToInt(ip);
  if (value === undefined) return undefined;
  for (const row of ASN_ROWS) {
    const [net, bits] = String(row['network']).split('/');
    const base = ipv4ToInt(net ?? '');
    const size = 2 ** (32 - Number(bits));
    if (base !== undefined && value >= base && value < base + size) {
      return { name: String(row['name']), type: String(row['type']) };
    }
  }
  return undefined;
}

export async function summarizeAlert(
  ctx: SandboxContext,
  alert: AlertRecord,
  options: { prompt?: string | null; outputLength?: string | null },
): Promise<string> {
  const d = alert.doc;
  const detection = d.detection === null ? undefined : await findDetection(ctx.store, d.detection.id);
  const events = (await alertEvents(ctx, alert, 0, 500)).rows;
  const ips = new Map<string, number>();
  const actors = new Map<string, number>();
  const actions = new Map<string, number>();
  for (const event of events) {
    for (const ip of (event['p_any_ip_addresses'] as string[] | null) ?? []) bump(ips, ip);
    for (const user of [
      ...((event['p_any_emails'] as string[] | null) ?? []),
      ...((event['p_any_usernames'] as string[] | null) ?? []),
    ]) {
      bump(actors, user);
    }
    const field = ACTION_FIELDS.find((f) => typeof event[f] === 'string');
    if (field !== undefined) bump(actions, event[field]);
  }
  const publicIps = top(ips, 5).filter(([ip]) => !ip.startsWith('10.'));
  const hosting = publicIps.filter(([ip]) => asnOf(ip)?.type === 'hosting');
  const lines: string[] = [];
  lines.push('## Summary');
  lines.push(
    `${d.title} (${d.severity}, ${alert.status}). ` +
      (d.detection === null
        ? `This is a system error of type ${d.systemError?.type ?? 'unknown'}.`
        : `Detection ${d.detection.id} (${String(detection?.['displayName'] ?? d.detection.id)}) matched ` +
          `${d.eventCount} event${d.eventCount === 1 ? '' : 's'} between ${d.firstEventOccurredAt} and ${d.lastReceivedEventAt}.`),
  );
  lines.push('');
  lines.push('## What happened');
  if (events.length === 0) lines.push(`- No log events are attached. ${d.description}`);
  else {
    lines.push(
      `- ${events.length} event(s) reviewed from ${[...new Set(events.map((e) => e['p_log_type']))].join(', ')}.`,
    );
    if (actors.size > 0)
      lines.push(
        `- Actors: ${top(actors, 3)
          .map(([a, n]) => `${a} (${n})`)
          .join(', ')}.`,
      );
    if (publicIps.length > 0) {
      const described = publicIps.map(([ip, n]) => {
        const asn = asnOf(ip);
        return `${ip} (${n}${asn === undefined ? '' : `, ${asn.name}, ${asn.type}`})`;
      });
      lines.push(`- Source addresses: ${described.join(', ')}.`);
    }
    if (actions.size > 0)
      lines.push(
        `- Actions: ${top(actions, 5)
          .map(([a, n]) => `${a} ×${n}`)
          .join(', ')}.`,
      );
  }
  if (options.outputLength !== 'small' && options.outputLength !== 'xsmall') {
    lines.push('');
    lines.push('## Assessment');
    lines.push(d.description);
    if (hosting.length > 0) {
      lines.push(
        `The activity came from a hosting provider network (${hosting.map(([ip]) => ip).join(', ')}), where ` +
          'employees do not work: likely malicious. Treat as a potential incident.',
      );
    } else if (d.severity === 'CRITICAL' || d.severity === 'HIGH') {
      lines.push(
        'The activity came from known networks, but the severity warrants confirming it with the actor.',
      );
    } else {
      lines.push(
        'Nothing in the events points outside the usual networks; this is likely benign or expected.',
      );
    }
    lines.push('');
    lines.push('## Recommended next steps');
    lines.push(`1. ${d.runbook}`);
    const table = alert.eventTable?.split('.').pop();
    const ip = publicIps[0]?.[0];
    if (table !== undefined && ip !== undefined) {
      lines.push(
        `2. Look for other activity of ${ip}: SELECT p_event_time, p_log_type FROM panther_views.public.all_logs ` +
          `WHERE ARRAY_CONTAINS('${ip}'::VARIANT, p_any_ip_addresses) AND p_occurs_since('7 d') ORDER BY p_event_time`,
      );
    }
    lines.push(`${ip === undefined ? 2 : 3}. Record the outcome as a comment and set the alert status.`);
  }
  if (options.prompt) {
    lines.push('');
    lines.push(`Analyst context considered: ${options.prompt}`);
  }
  return lines.join('\n');
}
