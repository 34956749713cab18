import { cursorOf, defineTool, pagedResult, pick, type RestPage } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor, limit } from '../params.js';

const FIELDS = [
  'id',
  'description',
  'displayName',
  'enabled',
  'logTypes',
  'mappings',
  'managed',
  'createdAt',
  'lastModified',
] as const;

export default defineTool({
  name: 'list_data_models',
  title: 'List data models',
  description: 'List data models: per-log-type mappings of unified field names for event.udm() (no body).',
  access: 'read',
  permissions: ['RuleRead'],
  input: z.object({ cursor, limit }),
  async handler(args, { client, signal }) {
    const page = await client.rest<RestPage>({
      method: 'GET',
      path: '/data-models',
      query: { limit: args.limit, cursor: cursorOf(args.cursor) },
      signal,
      cacheKind: 'catalog',
    });
    const items = (page.results ?? []).map((item) => pick(item, FIELDS));
    return pagedResult('data_models', items, page.next);
  },
});
