/** Alert writes shared by REST and GraphQL. Errors are HttpErrors (GraphQL maps their status to a code). */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { toJsonRows } from '../datalake/rows.js';
import { badRequest, notFound } from '../server/respond.js';
import type { Actor, AlertRecord, AlertStatus, CommentDoc } from '../store/types.js';

export const ALERT_STATUSES: readonly AlertStatus[] = ['OPEN', 'TRIAGED', 'RESOLVED', 'CLOSED'];
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
const COMMENT_FORMATS = ['PLAIN_TEXT', 'HTML'] as const;
const MAX_COMMENT = 10_000;

export interface AlertPatch {
  status?: unknown;
  /** A user id; null or "" unassigns. */
  assignee?: unknown;
}

export async function updateAlerts(
  ctx: SandboxContext,
  ids: readonly string[],
  input: AlertPatch,
  actor: Actor,
): Promise<AlertRecord[]> {
  const patch: { status?: AlertStatus; assigneeId?: string | null } = {};
  if (input.status !== undefined) {
    if (typeof input.status !== 'string' || !ALERT_STATUSES.includes(input.status as AlertStatus)) {
      throw badRequest(`status must be one of ${ALERT_STATUSES.join(', ')}`);
    }
    patch.status = input.status as AlertStatus;
  }
  if (input.assignee !== undefined) {
    const assignee = input.assignee;
    if (assignee === null || assignee === '') patch.assigneeId = null;
    else if (typeof assignee !== 'string') throw badRequest('assignee must be a user id');
    else {
      if ((await ctx.store.getObject('users', assignee)) === undefined) {
        throw badRequest(`assignee ${assignee} is not a user id (see GET /users)`);
      }
      patch.assigneeId = assignee;
    }
  }
  if (patch.status === undefined && patch.assigneeId === undefined) {
    throw badRequest('Nothing to update: give status and/or assignee');
  }
  const unique = [...new Set(ids)];
  const found = await ctx.store.getAlerts(unique);
  if (found.length !== unique.length) {
    const known = new Set(found.map((a) => a.doc.id));
    throw notFound(`Alerts not found: ${unique.filter((id) => !known.has(id)).join(', ')}`);
  }
  const updated = await ctx.store.updateAlerts(unique, patch, actor, new Date());
  // Keep the caller's order.
  return unique.map((id) => updated.find((a) => a.doc.id === id)!);
}

export async function addComment(
  ctx: SandboxContext,
  input: { alertId?: unknown; body?: unknown; format?: unknown },
  actor: Actor,
): Promise<CommentDoc> {
  const { alertId, body } = input;
  const format = input.format ?? 'PLAIN_TEXT';
  if (typeof alertId !== 'string' || alertId === '') throw badRequest('alertId is required');
  if (typeof body !== 'string' || body.trim() === '') throw badRequest('body must be a non-empty string');
  if (body.length > MAX_COMMENT) throw badRequest(`body may be at most ${MAX_COMMENT} characters`);
  if (typeof format !== 'string' || !COMMENT_FORMATS.includes(format as (typeof COMMENT_FORMATS)[number])) {
    throw badRequest(`format must be one of ${COMMENT_FORMATS.join(', ')}`);
  }
  if ((await ctx.store.getAlert(alertId)) === undefined) throw notFound(`Alert ${alertId} not found`);
  const now = new Date().toISOString();
  const comment: CommentDoc = {
    id: randomBytes(12).toString('hex'),
    alertId,
    body,
    format: format as CommentDoc['format'],
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
  await ctx.store.addComment(comment);
  return comment;
}

/** A page of an alert's events (rows of its rule match or rule error table, with the alert columns). */
export async function alertEvents(
  ctx: SandboxContext,
  record: AlertRecord,
  offset: number,
  limit: number,
): Promise<{ rows: Record<string, unknown>[]; more: boolean }> {
  if (record.eventTable === null) return { rows: [], more: false };
  const reader = await ctx.lake.internal.reader(
    `SELECT * FROM ${record.eventTable} WHERE p_alert_id = ? ORDER BY p_event_time, p_row_id LIMIT ? OFFSET ?`,
    [record.doc.id, limit + 1, offset],
  );
  const rows = toJsonRows(reader).rows;
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}
