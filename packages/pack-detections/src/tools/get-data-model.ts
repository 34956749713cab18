import { defineTool, encodePath, type JsonObject } from '@mcp-panther/core';
import { z } from 'zod';
import { detectionId } from '../params.js';

export default defineTool({
  name: 'get_data_model',
  title: 'Get data model',
  description: 'Get one data model in full: log types, field mappings and Python body.',
  access: 'read',
  permissions: ['RuleRead'],
  input: z.object({ data_model_id: detectionId }),
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
