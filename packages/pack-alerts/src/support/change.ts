/** What each write tool will change, in one sentence for the person asked to confirm it. */
import { summarizeList } from '@mcp-panther/core';
import type { AlertStatus } from '../params.js';

const STATUS_VERBS: Readonly<Record<AlertStatus, string>> = {
  OPEN: 'Reopen',
  TRIAGED: 'Mark as triaged',
  RESOLVED: 'Resolve',
  CLOSED: 'Close',
};

const quote = (text: string, max = 200) =>
  JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `12 alerts: a, b, c, d, e and 7 more`, or `alert a`. */
function alertsPhrase(ids: readonly string[]): string {
  return ids.length === 1 ? `alert ${ids[0]}` : `${ids.length} alerts: ${summarizeList(ids)}`;
}

/** `Resolve 12 alerts: …` */
export function describeStatusChange({
  alert_ids,
  status,
}: {
  alert_ids: string[];
  status: AlertStatus;
}): string {
  return `${STATUS_VERBS[status]} ${alertsPhrase(alert_ids)}`;
}

/** `Assign 3 alerts to user u-42: …` */
export function describeAssigneeChange({
  alert_ids,
  assignee_id,
}: {
  alert_ids: string[];
  assignee_id: string;
}) {
  const [first, ...rest] = alert_ids;
  return rest.length === 0
    ? `Assign alert ${first} to user ${assignee_id}`
    : `Assign ${alert_ids.length} alerts to user ${assignee_id}: ${summarizeList(alert_ids)}`;
}

/** `For 12 alerts (…): set the status to RESOLVED; assign to user u-42; add the comment "…"` */
export function describeBulkChange(input: {
  alert_ids: string[];
  status?: AlertStatus | undefined;
  assignee_id?: string | undefined;
  comment?: string | undefined;
}): string {
  const actions = [
    ...(input.status ? [`set the status to ${input.status}`] : []),
    ...(input.assignee_id ? [`assign to user ${input.assignee_id}`] : []),
    ...(input.comment ? [`add the comment ${quote(input.comment)}`] : []),
  ];
  const target =
    input.alert_ids.length === 1
      ? `alert ${input.alert_ids[0]}`
      : `${input.alert_ids.length} alerts (${summarizeList(input.alert_ids)})`;
  return `For ${target}: ${actions.join('; ') || 'nothing'}`;
}

/** `Comment on alert a: "…"` */
export function describeComment({ alert_id, comment }: { alert_id: string; comment: string }): string {
  return `Comment on alert ${alert_id}: ${quote(comment)}`;
}

/** `Start a Panther AI triage of alert a (a new stored AI run)` */
export function describeAiTriage({ alert_id }: { alert_id: string }): string {
  return `Start a Panther AI triage of alert ${alert_id} (a new stored AI run)`;
}
