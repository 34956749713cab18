import { defineTool, encodePath, type JsonObject } from '@mcp-panther/core';
import { z } from 'zod';
import { savedQueryId } from '../params.js';

export default defineTool({
  name: 'get_scheduled_query',
  title: 'Get scheduled query',
  description:
    'Get one saved or scheduled query by id (UUID from list_scheduled_queries), with its SQL and schedule.',
  access: 'read',
  permissions: ['DataAnalyticsRead'],
  input: z.object({ query_id: savedQueryId }),
  async handler({ query_id }, { client, signal }) {
    return client.rest<JsonObject>({
      method: 'GET',
      path: encodePath`/queries/${query_id}`,
      signal,
      cacheKind: 'detections',
    });
  },
});
