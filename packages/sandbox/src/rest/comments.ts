import type { SandboxContext } from '../context.js';
import { tokenActor } from '../context.js';
import { badRequest, notFound } from '../server/respond.js';
import type { Route } from '../server/router.js';
import { addComment } from '../services/alerts.js';
import { decodeCursor, nextCursor } from './cursor.js';
import { objectBody, Params } from './params.js';

export function commentRoutes(ctx: SandboxContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/alert-comments',
      anyOf: ['AlertRead'],
      async handler({ query }) {
        const p = new Params(query);
        const alertId = p.string('alert-id');
        if (alertId === undefined) throw badRequest('alert-id is required');
        const limit = p.limit(25, 50);
        const scope = `comments:${alertId}`;
        const offset = decodeCursor(scope, p.string('cursor'));
        if ((await ctx.store.getAlert(alertId)) === undefined) throw notFound(`Alert ${alertId} not found`);
        const page = await ctx.store.listComments(alertId, offset, limit);
        return {
          status: 200,
          body: { results: page.items, next: nextCursor(scope, offset, limit, page.more) },
        };
      },
    },
    {
      method: 'GET',
      path: '/alert-comments/{id}',
      anyOf: ['AlertRead'],
      async handler({ params }) {
        const comment = await ctx.store.getComment(params['id']!);
        if (comment === undefined) throw notFound(`Comment ${params['id']} not found`);
        return { status: 200, body: comment };
      },
    },
    {
      method: 'POST',
      path: '/alert-comments',
      anyOf: ['AlertModify'],
      async handler({ body, identity }) {
        return { status: 200, body: await addComment(ctx, objectBody(body), tokenActor(identity)) };
      },
    },
  ];
}
