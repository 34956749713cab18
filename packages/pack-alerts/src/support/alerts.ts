/** Panther's REST shapes for alerts and comments, and the compact forms the tools return. */
import { compact } from '@mcp-panther/core';

/** `{ id, type }` in Panther's REST answers (`type` is user, api-token or system). */
export interface RestActor {
  readonly id?: string | null;
  readonly type?: string | null;
  readonly email?: string | null;
}

export interface RestAlert {
  readonly id: string;
  readonly title?: string;
  readonly severity?: string;
  readonly status?: string;
  readonly type?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string | null;
  readonly firstEventOccurredAt?: string | null;
  readonly lastReceivedEventAt?: string | null;
  readonly eventCount?: number | null;
  readonly detection?: { readonly id?: string; readonly type?: string } | null;
  readonly systemError?: { readonly type?: string } | null;
  readonly assignee?: RestActor | string | null;
  readonly updatedBy?: RestActor | string | null;
  readonly [key: string]: unknown;
}

export interface RestComment {
  readonly id: string;
  readonly alertId?: string;
  readonly body?: string;
  readonly format?: string;
  readonly createdAt?: string;
  readonly createdBy?: RestActor | string | null;
  readonly [key: string]: unknown;
}

const actorId = (actor: RestActor | string | null | undefined): string | undefined =>
  typeof actor === 'string' ? actor : (actor?.id ?? undefined);

/** An alert as one flat record: related objects by id (`detectionId`, `assignee`), for a row of list_alerts. */
export function alertRecord(alert: RestAlert): Record<string, unknown> {
  const { detection, systemError, assignee, updatedBy, ...rest } = alert;
  return {
    ...rest,
    detectionId: detection?.id,
    systemErrorType: systemError?.type,
    assignee: actorId(assignee),
    updatedBy: actorId(updatedBy),
  };
}

/** The columns of list_alerts by default: what an analyst needs to pick the next alert to open. */
export const ALERT_COLUMNS = [
  'id',
  'title',
  'severity',
  'status',
  'createdAt',
  'eventCount',
  'detectionId',
] as const;
/** System errors have no detection and no events; their error type says what broke. */
export const SYSTEM_ERROR_COLUMNS = [
  'id',
  'title',
  'severity',
  'status',
  'createdAt',
  'systemErrorType',
] as const;

/** Longer text values in list_alerts (descriptions, runbooks) are shortened; get_alert has them whole. */
export const LIST_TEXT_MAX = 300;

/** What list_alerts' `fields` may ask for (context and deliveries stay in get_alert). */
export const ALERT_FIELDS = [
  ...ALERT_COLUMNS,
  'type',
  'assignee',
  'systemErrorType',
  'updatedAt',
  'updatedBy',
  'firstEventOccurredAt',
  'lastReceivedEventAt',
  'description',
  'reference',
  'runbook',
  'logTypes',
  'logSources',
  'resourceTypes',
] as const;

export function compactComment(comment: RestComment): Record<string, unknown> {
  return compact({
    id: comment.id,
    body: comment.body,
    format: comment.format,
    createdAt: comment.createdAt,
    createdBy: actorId(comment.createdBy),
  });
}
