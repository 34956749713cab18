import { defineTool, encodePath, type JsonObject } from '@mcp-panther/core';
import { z } from 'zod';
import { roleId } from '../params.js';

export default defineTool({
  name: 'get_role',
  title: 'Get role',
  description: 'Get one Panther role by id: its permissions and the log types its users may see.',
  access: 'read',
  permissions: ['UserRead'],
  input: z.object({ role_id: roleId }),
  async handler({ role_id }, { client, signal }) {
    const role = await client.rest<JsonObject>({
      method: 'GET',
      path: encodePath`/roles/${role_id}`,
      signal,
      cacheKind: 'catalog',
    });
    return { role };
  },
});
