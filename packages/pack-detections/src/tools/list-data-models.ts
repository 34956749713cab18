import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor, limit } from '../params.js';
import { cursorOf, listResult, type Page, pick } from '../support/objects.js';

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
  description:
    'List data models: the per-log-type mappings of unified field names that detections read with ' +
    'event.udm() (no Python body).',
  access: 'read',
  permissions: ['RuleRead'],
  input: z.object({ cursor, limit }),
  async handler(args, { client, signal }) {
    const page = await client.rest<Page>({
      method: 'GET',
      path: '/data-models',
      query: { limit: args.limit, cursor: cursorOf(args.cursor) },
      signal,
      cacheKind: 'catalog',
    });
    const items = (page.results ?? []).map((item) => pick(item, FIELDS));
    return listResult('data_models', items, page.next);
  },
});
