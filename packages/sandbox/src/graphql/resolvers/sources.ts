import { schemasInUse } from '../../generate/sources.js';
import { requirePermission } from '../errors.js';
import type { Args, RootResolvers } from '../types.js';
import { decodeGqlCursor, pageOf } from './paging.js';

const PAGE = 50;

export const sourceResolvers: RootResolvers = {
  async sources(args, context) {
    requirePermission(context, 'LogSourceRead');
    const input = (args['input'] ?? {}) as Args;
    const all = await context.ctx.store.allObjects('sources');
    const { page, pageInfo } = pageOf('sources', all, decodeGqlCursor('sources', input['cursor']), PAGE);
    return { edges: page.map((node) => ({ node })), pageInfo };
  },

  async source(args, context) {
    requirePermission(context, 'LogSourceRead');
    return (await context.ctx.store.getObject('sources', String(args['id']))) ?? null;
  },

  async schemas(args, context) {
    requirePermission(context, 'LogSourceRead', 'RuleRead');
    const input = (args['input'] ?? {}) as Args;
    const contains = typeof input['contains'] === 'string' ? input['contains'].toLowerCase() : undefined;
    const inUse = schemasInUse();
    const schemas = (await context.ctx.store.allObjects('schemas')).filter((s) => {
      const fields = (s['fieldNames'] as string[] | undefined) ?? [];
      return (
        (contains === undefined ||
          String(s['name']).toLowerCase().includes(contains) ||
          fields.some((f) => f.toLowerCase().includes(contains))) &&
        (input['isArchived'] == null || s['isArchived'] === input['isArchived']) &&
        (input['isManaged'] == null || s['isManaged'] === input['isManaged']) &&
        (input['isInUse'] == null || inUse.has(String(s['name'])) === input['isInUse'])
      );
    });
    return {
      // Panther does not page schemas: the cursor is always null.
      edges: schemas.map(({ fieldNames: _, ...node }) => ({ node })),
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    };
  },
};
