import { defineTool, encodePath } from '@mcp-panther/core';
import { z } from 'zod';
import type { JsonObject } from '../support/objects.js';

export default defineTool({
  name: 'get_global_helper',
  title: 'Get global helper',
  description: 'Get one global helper by id, with its full Python code, description and tags.',
  access: 'read',
  permissions: ['RuleRead'],
  input: z.object({ helper_id: z.string().min(1) }),
  async handler({ helper_id }, { client, signal }) {
    const helper = await client.rest<JsonObject>({
      method: 'GET',
      path: encodePath`/globals/${helper_id}`,
      signal,
      cacheKind: 'catalog',
    });
    return { global_helper: helper };
  },
});
