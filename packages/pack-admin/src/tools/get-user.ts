import { defineTool, encodePath, type JsonObject } from '@mcp-panther/core';
import { z } from 'zod';
import { userId } from '../params.js';

export default defineTool({
  name: 'get_user',
  title: 'Get user',
  description: 'Get one Panther user by id (often an email address): role, status, login dates.',
  access: 'read',
  permissions: ['UserRead'],
  input: z.object({ user_id: userId }),
  async handler({ user_id }, { client, signal }) {
    const user = await client.rest<JsonObject>({
      method: 'GET',
      path: encodePath`/users/${user_id}`,
      signal,
      cacheKind: 'catalog',
    });
    return { user };
  },
});
