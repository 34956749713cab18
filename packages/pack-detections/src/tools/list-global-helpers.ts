import { cursorOf, defineTool, pagedResult, pick, type RestPage } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor, limit, text } from '../params.js';

const FIELDS = ['id', 'description', 'tags', 'createdAt', 'lastModified'] as const;

export default defineTool({
  name: 'list_global_helpers',
  title: 'List global helpers',
  description:
    'List global helpers, the modules Python detections import (id, description, tags, dates; no code).',
  access: 'read',
  permissions: ['RuleRead'],
  input: z.object({
    name_contains: text,
    created_by: text,
    last_modified_by: text,
    cursor,
    limit,
  }),
  async handler(args, { client, signal }) {
    const page = await client.rest<RestPage>({
      method: 'GET',
      path: '/globals',
      query: {
        limit: args.limit,
        cursor: cursorOf(args.cursor),
        'name-contains': args.name_contains || undefined,
        'created-by': args.created_by || undefined,
        'last-modified-by': args.last_modified_by || undefined,
      },
      signal,
      cacheKind: 'catalog',
    });
    const items = (page.results ?? []).map((item) => pick(item, FIELDS));
    return pagedResult('global_helpers', items, page.next);
  },
});
