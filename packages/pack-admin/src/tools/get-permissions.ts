import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { permissionTitle } from '../support/permission-titles.js';

export default defineTool({
  name: 'get_permissions',
  title: 'Get permissions',
  description:
    "The API token's permissions by Panther console name (e.g. View Rules): why a tool is missing or a call " +
    'refused.',
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
