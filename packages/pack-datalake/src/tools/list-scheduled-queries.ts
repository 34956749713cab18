import { cursorOf, defineTool, type JsonObject, pagedResult, type RestPage } from '@mcp-panther/core';
import { z } from 'zod';
import { nameFilter, restCursor } from '../params.js';

/** With name_contains, reads at most this many pages looking for matches. */
const MAX_FILTER_PAGES = 10;

export default defineTool({
  name: 'list_scheduled_queries',
  title: 'List scheduled queries',
  description:
    'List saved and scheduled queries without SQL (get_scheduled_query has it); name_contains filters names ' +
    'over up to 10 pages.',
  access: 'read',
  permissions: ['DataAnalyticsRead'],
  input: z.object({
    cursor: restCursor.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    name_contains: nameFilter.optional(),
  }),
  async handler({ cursor, limit, name_contains }, { client, signal }) {
    const needle = name_contains?.toLowerCase();
    const queries: JsonObject[] = [];
    let next = cursorOf(cursor);
    for (let page = 0; page < (needle ? MAX_FILTER_PAGES : 1); page++) {
      const data = await client.rest<RestPage>({
        method: 'GET',
        path: '/queries',
        query: { limit, cursor: next },
        signal,
        cacheKind: 'detections',
      });
      for (const query of data.results ?? []) {
        const { sql: _sql, ...rest } = query;
        const name = typeof rest['name'] === 'string' ? rest['name'].toLowerCase() : '';
        if (!needle || name.includes(needle)) queries.push(rest);
      }
      next = data.next || undefined;
      if (!next || queries.length >= limit) break;
    }
    return {
      ...pagedResult('queries', queries, next),
      query_count: queries.length,
      has_next_page: next !== undefined,
    };
  },
});
