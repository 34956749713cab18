import { tokenActor } from '../../context.js';
import { addComment, updateAlerts } from '../../services/alerts.js';
import type { AlertFilter } from '../../store/platformStore.js';
import { codeOf, gqlError, requirePermission } from '../errors.js';
import type { Args, GqlContext, RootResolvers } from '../types.js';
import { actorView, alertView } from '../views.js';
import { decodeGqlCursor, pageInfo, pageSize } from './paging.js';

/** Runs a shared service and turns its HTTP-style errors into GraphQL ones. */
async function service<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = codeOf(error);
    if (code === 'INTERNAL_SERVER_ERROR') throw error;
    throw gqlError((error as Error).message, code);
  }
}

function list(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 ? (value as string[]) : undefined;
}

function date(value: unknown, name: string): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed = new Date(String(value));
  if (Number.isNaN(parsed.getTime())) throw gqlError(`${name} is not a valid DateTime`, 'BAD_USER_INPUT');
  return parsed;
}

async function updated(context: GqlContext, ids: string[], patch: { status?: unknown; assignee?: unknown }) {
  requirePermission(context, 'AlertModify');
  const records = await service(() => updateAlerts(context.ctx, ids, patch, tokenActor(context.identity)));
  return { alerts: records.map((r) => alertView(context.ctx, r)) };
}

export const alertResolvers: RootResolvers = {
  async alerts(args, context) {
    requirePermission(context, 'AlertRead');
    const input = args['input'] as Args;
    const after = date(input['createdAtAfter'], 'createdAtAfter');
    const before = date(input['createdAtBefore'], 'createdAtBefore');
    if (input['detectionId'] == null && (after === undefined || before === undefined)) {
      throw gqlError('Provide detectionId, or both createdAtAfter and createdAtBefore', 'BAD_USER_INPUT');
    }
    const size = pageSize(input['pageSize'], 25, 100);
    const offset = decodeGqlCursor('gql-alerts', input['cursor']);
    const filter: AlertFilter = {
      listing: input['type'] ?? 'ALERT',
      sortDir: input['sortDir'] === 'ascending' ? 'asc' : 'desc',
    };
    const assign = <K extends keyof AlertFilter>(key: K, value: AlertFilter[K] | undefined) => {
      if (value !== undefined) filter[key] = value;
    };
    assign('createdAfter', after);
    assign('createdBefore', before);
    assign('subtypes', list(input['subtypes']));
    assign('statuses', list(input['statuses']));
    assign('severities', list(input['severities']));
    assign('logSources', list(input['logSources']));
    assign('logTypes', list(input['logTypes']));
    assign('resourceTypes', list(input['resourceTypes']));
    assign('assigneeIds', list(input['assigneeIds']));
    assign('detectionId', input['detectionId'] ?? undefined);
    assign('nameContains', input['nameContains'] ?? undefined);
    assign('eventCountMin', input['eventCountMin'] ?? undefined);
    assign('eventCountMax', input['eventCountMax'] ?? undefined);
    const page = await context.ctx.store.listAlerts(filter, offset, size);
    return {
      edges: page.items.map((r) => ({ node: alertView(context.ctx, r) })),
      pageInfo: pageInfo('gql-alerts', offset, size, page.more),
    };
  },

  async alert(args, context) {
    requirePermission(context, 'AlertRead');
    const record = await context.ctx.store.getAlert(String(args['id']));
    if (record === undefined) throw gqlError(`Alert ${args['id']} not found`, 'NOT_FOUND');
    return alertView(context.ctx, record);
  },

  updateAlertStatusById(args, context) {
    const input = args['input'] as Args;
    return updated(context, input['ids'], { status: input['status'] });
  },

  updateAlertsAssigneeById(args, context) {
    const input = args['input'] as Args;
    return updated(context, input['ids'], { assignee: input['assigneeId'] ?? null });
  },

  async updateAlertsAssigneeByEmail(args, context) {
    requirePermission(context, 'AlertModify');
    const input = args['input'] as Args;
    const email = input['assigneeEmail'] as string | null | undefined;
    let assignee: string | null = null;
    if (email != null && email !== '') {
      const users = await context.ctx.store.allObjects('users');
      const user = users.find((u) => String(u['email']).toLowerCase() === email.toLowerCase());
      if (user === undefined) throw gqlError(`No user has the email ${email}`, 'NOT_FOUND');
      assignee = user.id;
    }
    return updated(context, input['ids'], { assignee });
  },

  async createAlertComment(args, context) {
    requirePermission(context, 'AlertModify');
    const input = args['input'] as Args;
    const comment = await service(() => addComment(context.ctx, input, tokenActor(context.identity)));
    const record = await context.ctx.store.getAlert(comment.alertId);
    return {
      comment: {
        id: comment.id,
        body: comment.body,
        format: comment.format,
        createdAt: comment.createdAt,
        createdBy: () => actorView(context.ctx, comment.createdBy),
        entity: alertView(context.ctx, record!),
      },
    };
  },
};
