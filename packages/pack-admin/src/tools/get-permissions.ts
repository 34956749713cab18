import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { permissionTitle } from '../support/permission-titles.js';

export default defineTool({
  name: 'get_permissions',
  title: 'Get permissions',
  description:
    "List the API token's permissions by their Panther console names (e.g. View Rules). Explains a missing " +
    'tool or a refused call.',
  access: 'read',
  permissions: [],
  input: z.object({}),
  async handler(_args, { client, signal }) {
    const token = await client.rest<{ permissions?: readonly string[] | null }>({
      method: 'GET',
      path: '/api-tokens/self',
      signal,
      cacheKind: 'identity',
    });
    return { permissions: (token.permissions ?? []).map(permissionTitle) };
  },
});
