import { defineTool, encodePath } from '@mcp-panther/core';
import { z } from 'zod';
import type { JsonObject } from '../support/objects.js';

export default defineTool({
  name: 'get_data_model',
  title: 'Get data model',
  description: 'Get one data model by id in full: its log types, field mappings and Python body.',
  access: 'read',
  permissions: ['RuleRead'],
  input: z.object({ data_model_id: z.string().min(1) }),
  async handler({ data_model_id }, { client, signal }) {
    const model = await client.rest<JsonObject>({
      method: 'GET',
      path: encodePath`/data-models/${data_model_id}`,
      signal,
      cacheKind: 'catalog',
    });
    return { data_model: model };
  },
});
