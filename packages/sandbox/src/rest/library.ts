/** Global helpers, data models and saved/scheduled queries. */
import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { badRequest, HttpError } from '../server/respond.js';
import type { Route } from '../server/router.js';
import type { Doc } from '../store/types.js';
import { DocFilter, getDoc, listDocs } from './objects.js';
import { objectBody, Params } from './params.js';

const SCHEDULE_FIELDS = new Set(['cron', 'disabled', 'rateMinutes', 'timeoutMinutes']);

interface ModifyQuery {
  readonly name: string;
  readonly sql: string;
  readonly description: string;
  readonly schedule: unknown;
}

/** QueryAPI.ModifyQuery: `name` and `sql` required, `description` and `schedule` optional. */
function modifyQuery(body: unknown): ModifyQuery {
  const input = objectBody(body);
  const { name, sql, description, schedule } = input;
  if (typeof name !== 'string' || name.trim() === '')
    throw badRequest('name is required and must be a non-empty string');
  if (typeof sql !== 'string' || sql.trim() === '')
    throw badRequest('sql is required and must be a non-empty string');
  if (description !== undefined && typeof description !== 'string')
    throw badRequest('description must be a string');
  if (schedule !== undefined && schedule !== null) {
    if (typeof schedule !== 'object' || Array.isArray(schedule))
      throw badRequest('schedule must be an object');
    const unknown = Object.keys(schedule).filter((key) => !SCHEDULE_FIELDS.has(key));
    if (unknown.length > 0) throw badRequest(`schedule has unknown fields: ${unknown.join(', ')}`);
  }
  return { name, sql, description: description ?? '', schedule: schedule ?? null };
}

export function libraryRoutes(ctx: SandboxContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/globals',
      anyOf: ['RuleRead', 'PolicyRead'],
      handler({ query }) {
        const p = new Params(query);
        const filter = new DocFilter()
          .contains(p.string('name-contains'), '$.id')
          .equals(p.string('created-by'), '$.createdBy.id')
          .equals(p.string('last-modified-by'), '$.lastModifiedBy.id');
        return listDocs(ctx, 'globals', p, filter, { defaultLimit: 100, maxLimit: 1000 });
      },
    },
    {
      method: 'GET',
      path: '/globals/{id}',
      anyOf: ['RuleRead', 'PolicyRead'],
      async handler({ params }) {
        return { status: 200, body: await getDoc(ctx, 'globals', params['id']!, 'Global helper') };
      },
    },
    {
      method: 'GET',
      path: '/data-models',
      anyOf: ['RuleRead', 'PolicyRead'],
      handler({ query }) {
        const p = new Params(query);
        return listDocs(ctx, 'data-models', p, new DocFilter(), { defaultLimit: 100, maxLimit: 1000 });
      },
    },
    {
      method: 'GET',
      path: '/data-models/{id}',
      anyOf: ['RuleRead', 'PolicyRead'],
      async handler({ params }) {
        return { status: 200, body: await getDoc(ctx, 'data-models', params['id']!, 'Data model') };
      },
    },
    {
      method: 'GET',
      path: '/queries',
      anyOf: ['DataAnalyticsRead'],
      handler({ query }) {
        const p = new Params(query);
        return listDocs(ctx, 'queries', p, new DocFilter(), {
          defaultLimit: 100,
          maxLimit: 1000,
          orderBy: "json_extract_string(doc, '$.name')",
        });
      },
    },
    {
      method: 'POST',
      path: '/queries',
      anyOf: ['DataAnalyticsModify'],
      async handler({ body }) {
        const fields = modifyQuery(body);
        const taken = await ctx.store.listObjects(
          'queries',
          { where: ["json_extract_string(doc, '$.name') = ?"], params: [fields.name] },
          0,
          1,
        );
        if (taken.items.length > 0) throw new HttpError(409, `A query named ${fields.name} already exists`);
        const now = new Date().toISOString();
        const doc: Doc = { id: randomUUID(), ...fields, managed: false, createdAt: now, updatedAt: now };
        await ctx.store.putObject('queries', doc);
        return { status: 200, body: doc };
      },
    },
    {
      method: 'GET',
      path: '/queries/{id}',
      anyOf: ['DataAnalyticsRead'],
      async handler({ params }) {
        return { status: 200, body: await getDoc(ctx, 'queries', params['id']!, 'Query') };
      },
    },
  ];
}
