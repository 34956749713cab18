import { cursorOf, defineTool, pagedResult, type RestPage } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor } from '../params.js';

export default defineTool({
  name: 'list_users',
  title: 'List users',
  description: 'List Panther users: id, email, names, role, enabled, status, created and last login dates.',
  access: 'read',
  permissions: ['UserRead'],
  input: z.object({ cursor, limit: z.number().int().min(1).max(60).default(60) }),
  async handler(args, { client, signal }) {
    const page = await client.rest<RestPage>({
      method: 'GET',
      path: '/users',
      query: { limit: args.limit, cursor: cursorOf(args.cursor) },
      signal,
      cacheKind: 'catalog',
    });
    return pagedResult('users', page.results ?? [], page.next);
  },
});
