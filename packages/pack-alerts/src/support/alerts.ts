/** Panther's REST shapes for alerts and comments, and the compact forms the list tools return. */
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

/** The fields an analyst needs in a list; deliveries, context and runbook stay in get_alert. */
export function compactAlert(alert: RestAlert): Record<string, unknown> {
  return compact({
    id: alert.id,
    title: alert.title,
    severity: alert.severity,
    status: alert.status,
    type: alert.type,
    createdAt: alert.createdAt,
    lastReceivedEventAt: alert.lastReceivedEventAt,
    eventCount: alert.eventCount,
    detectionId: alert.detection?.id,
    systemErrorType: alert.systemError?.type,
    assignee: actorId(alert.assignee),
  });
}

export function compactComment(comment: RestComment): Record<string, unknown> {
  return compact({
    id: comment.id,
    body: comment.body,
    format: comment.format,
    createdAt: comment.createdAt,
    createdBy: actorId(comment.createdBy),
  });
}
