import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { tokenActor } from '../context.js';
import { badRequest, notFound } from '../server/respond.js';
import type { Route } from '../server/router.js';
import type { CommentDoc } from '../store/types.js';
import { decodeCursor, nextCursor } from './cursor.js';
import { objectBody, Params } from './params.js';

const FORMATS = ['PLAIN_TEXT', 'HTML'] as const;
const MAX_BODY = 10_000;

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
        const input = objectBody(body);
        const alertId = input['alertId'];
        const text = input['body'];
        const format = input['format'] ?? 'PLAIN_TEXT';
        if (typeof alertId !== 'string' || alertId === '') throw badRequest('alertId is required');
        if (typeof text !== 'string' || text.trim() === '')
          throw badRequest('body must be a non-empty string');
        if (text.length > MAX_BODY) throw badRequest(`body may be at most ${MAX_BODY} characters`);
        if (typeof format !== 'string' || !FORMATS.includes(format as (typeof FORMATS)[number])) {
          throw badRequest(`format must be one of ${FORMATS.join(', ')}`);
        }
        if ((await ctx.store.getAlert(alertId)) === undefined) throw notFound(`Alert ${alertId} not found`);
        const now = new Date().toISOString();
        const actor = tokenActor(identity);
        const comment: CommentDoc = {
          id: randomBytes(12).toString('hex'),
          alertId,
          body: text,
          format: format as CommentDoc['format'],
          createdAt: now,
          createdBy: actor,
          updatedAt: now,
          updatedBy: actor,
        };
        await ctx.store.addComment(comment);
        return { status: 200, body: comment };
      },
    },
  ];
}
