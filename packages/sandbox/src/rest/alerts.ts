import type { SandboxContext } from '../context.js';
import { tokenActor } from '../context.js';
import { badRequest, notFound } from '../server/respond.js';
import type { Route } from '../server/router.js';
import { ALERT_STATUSES, alertEvents, SEVERITIES, updateAlerts } from '../services/alerts.js';
import type { AlertFilter } from '../store/platformStore.js';
import { restAlert } from './alertViews.js';
import { decodeCursor, nextCursor } from './cursor.js';
import { objectBody, Params } from './params.js';

const LISTING_TYPES = ['ALERT', 'DETECTION_ERROR', 'SYSTEM_ERROR'] as const;
const SUB_TYPES = [
  'RULE',
  'RULE_ERROR',
  'SCHEDULED_RULE',
  'SCHEDULED_RULE_ERROR',
  'POLICY',
  'SYSTEM_ERROR',
  'CORRELATION_RULE',
  'CORRELATION_RULE_ERROR',
] as const;
const DAY = 86_400_000;

export function alertRoutes(ctx: SandboxContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/alerts',
      anyOf: ['AlertRead'],
      async handler({ query }) {
        const p = new Params(query);
        const limit = p.limit(25, 50);
        const offset = decodeCursor('alerts', p.string('cursor'));
        const now = new Date();
        const filter: AlertFilter = {
          listing: p.oneOf('type', LISTING_TYPES) ?? 'ALERT',
          subtypes: p.manyOf('sub-type', SUB_TYPES),
          statuses: p.manyOf('status', ALERT_STATUSES, { caseInsensitive: true }),
          severities: p.manyOf('severity', SEVERITIES, { caseInsensitive: true }),
          // Panther's defaults: the last 30 days.
          createdAfter: p.date('created-after') ?? new Date(now.getTime() - 30 * DAY),
          createdBefore: p.date('created-before') ?? now,
          logSources: p.strings('log-source'),
          logTypes: p.strings('log-type'),
          resourceTypes: p.strings('resource-type'),
          assigneeIds: p.strings('assignee'),
          sortDir: p.oneOf('sort-dir', ['asc', 'desc'] as const) ?? 'desc',
        };
        const detectionId = p.string('detection-id');
        if (detectionId !== undefined) filter.detectionId = detectionId;
        const nameContains = p.string('name-contains');
        if (nameContains !== undefined) filter.nameContains = nameContains;
        const min = p.int('event-count-min', { min: 0 });
        if (min !== undefined) filter.eventCountMin = min;
        const max = p.int('event-count-max', { min: 0 });
        if (max !== undefined) filter.eventCountMax = max;
        if (filter.createdAfter! > filter.createdBefore!)
          throw badRequest('created-after must be before created-before');
        if (filter.listing === 'SYSTEM_ERROR' && filter.subtypes!.some((s) => s !== 'SYSTEM_ERROR')) {
          throw badRequest('sub-type must be empty (or SYSTEM_ERROR) when type is SYSTEM_ERROR');
        }
        const page = await ctx.store.listAlerts(filter, offset, limit);
        return {
          status: 200,
          body: { results: page.items.map(restAlert), next: nextCursor('alerts', offset, limit, page.more) },
        };
      },
    },
    {
      method: 'GET',
      path: '/alerts/{id}',
      anyOf: ['AlertRead'],
      async handler({ params }) {
        const record = await ctx.store.getAlert(params['id']!);
        if (record === undefined) throw notFound(`Alert ${params['id']} not found`);
        return { status: 200, body: restAlert(record) };
      },
    },
    {
      method: 'PATCH',
      path: '/alerts',
      anyOf: ['AlertModify'],
      async handler({ body, identity }) {
        const input = objectBody(body);
        const ids = input['ids'];
        if (
          !Array.isArray(ids) ||
          ids.length === 0 ||
          !ids.every((id) => typeof id === 'string' && id !== '')
        ) {
          throw badRequest('ids must be a non-empty array of alert ids');
        }
        if (ids.length > 100) throw badRequest('ids may hold at most 100 alert ids');
        await updateAlerts(ctx, ids as string[], input, tokenActor(identity));
        return { status: 204 };
      },
    },
    {
      method: 'PATCH',
      path: '/alerts/{id}',
      anyOf: ['AlertModify'],
      async handler({ params, body, identity }) {
        const [record] = await updateAlerts(ctx, [params['id']!], objectBody(body), tokenActor(identity));
        return { status: 200, body: restAlert(record!) };
      },
    },
    {
      method: 'GET',
      path: '/alerts/{id}/events',
      anyOf: ['AlertRead'],
      async handler({ params, query }) {
        const p = new Params(query);
        const limit = p.limit(25, 50);
        const id = params['id']!;
        const scope = `alert-events:${id}`;
        const offset = decodeCursor(scope, p.string('cursor'));
        const record = await ctx.store.getAlert(id);
        if (record === undefined) throw notFound(`Alert ${id} not found`);
        const page = await alertEvents(ctx, record, offset, limit);
        return {
          status: 200,
          body: { results: page.rows, next: nextCursor(scope, offset, limit, page.more) },
        };
      },
    },
  ];
}
