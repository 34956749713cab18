import { defineTool, encodePath, type JsonObject } from '@mcp-panther/core';
import { z } from 'zod';
import { detectionId } from '../params.js';

export default defineTool({
  name: 'get_global_helper',
  title: 'Get global helper',
  description: 'Get one global helper by id, with its Python code, description and tags.',
  access: 'read',
  permissions: ['RuleRead'],
  input: z.object({ helper_id: detectionId }),
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
