/** Global helpers, data models and saved/scheduled queries. */
import type { SandboxContext } from '../context.js';
import type { Route } from '../server/router.js';
import { DocFilter, getDoc, listDocs } from './objects.js';
import { Params } from './params.js';

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
      method: 'GET',
      path: '/queries/{id}',
      anyOf: ['DataAnalyticsRead'],
      async handler({ params }) {
        return { status: 200, body: await getDoc(ctx, 'queries', params['id']!, 'Query') };
      },
    },
  ];
}
