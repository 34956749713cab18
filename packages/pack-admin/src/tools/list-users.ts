import { cursorOf, defineTool, type JsonObject, pagedResult, type RestPage, table } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor } from '../params.js';

/** A user as one row: the role by name (get_user has the role id and the creation date). */
const COLUMNS = ['id', 'email', 'givenName', 'familyName', 'role', 'enabled', 'status', 'lastLoggedInAt'];

function userRecord(user: JsonObject): JsonObject {
  const role = user['role'] as { name?: string } | string | null | undefined;
  return { ...user, role: typeof role === 'object' && role !== null ? role.name : role };
}

export default defineTool({
  name: 'list_users',
  title: 'List users',
  description: 'List Panther users as a table: id, email, names, role, enabled, status, last login.',
  access: 'read',
  permissions: ['UserRead'],
  input: z.object({ cursor, limit: z.number().int().min(1).max(60).default(60) }),
  continuation: { cursor: 'cursor', pageSize: 'limit' },
  async handler(args, { client, signal }) {
    const page = await client.rest<RestPage>({
      method: 'GET',
      path: '/users',
      query: { limit: args.limit, cursor: cursorOf(args.cursor) },
      signal,
      cacheKind: 'catalog',
    });
    return pagedResult('users', table((page.results ?? []).map(userRecord), COLUMNS), page.next);
  },
});
