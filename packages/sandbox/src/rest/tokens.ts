import type { SandboxContext } from '../context.js';
import { notFound } from '../server/respond.js';
import type { Route } from '../server/router.js';

export function tokenRoutes(ctx: SandboxContext): Route[] {
  return [
    {
      // Any valid token may read itself: this is how a client discovers what it is allowed to do.
      method: 'GET',
      path: '/api-tokens/self',
      anyOf: [],
      async handler({ identity }) {
        const doc = await ctx.store.getObject('api-tokens', identity.id);
        if (doc === undefined) throw notFound('Token not found');
        return { status: 200, body: { ...doc, lastUsedAt: new Date().toISOString() } };
      },
    },
  ];
}
