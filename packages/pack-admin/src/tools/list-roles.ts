import { defineTool, pick, type RestPage } from '@mcp-panther/core';
import { z } from 'zod';
import { MAX_ITEMS, name, roleId } from '../params.js';

const FIELDS = [
  'id',
  'name',
  'permissions',
  'logTypeAccess',
  'logTypeAccessKind',
  'createdAt',
  'updatedAt',
] as const;

export default defineTool({
  name: 'list_roles',
  title: 'List roles',
  description:
    'List Panther roles with permissions and log type access. `name` matches exactly (any case) and ' +
    'overrides other filters.',
  access: 'read',
  permissions: ['UserRead'],
  input: z.object({
    name_contains: name.optional(),
    name: name.optional(),
    role_ids: z.array(roleId).max(MAX_ITEMS).optional(),
    sort_dir: z.enum(['asc', 'desc']).default('asc'),
  }),
  async handler(args, { client, signal }) {
    const page = await client.rest<RestPage>({
      method: 'GET',
      path: '/roles',
      query: {
        'name-contains': args.name_contains || undefined,
        name: args.name || undefined,
        ids: args.role_ids?.length ? args.role_ids.join(',') : undefined,
        'sort-dir': args.sort_dir,
      },
      signal,
      cacheKind: 'catalog',
    });
    const roles = (page.results ?? []).map((role) => pick(role, FIELDS));
    return page.next
      ? { roles, note: 'Panther returned part of the roles; narrow with name_contains or role_ids.' }
      : { roles };
  },
});
