import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor, limit, text } from '../params.js';
import { cursorOf, listResult, type Page, pick } from '../support/objects.js';

const FIELDS = ['id', 'description', 'tags', 'createdAt', 'lastModified'] as const;

export default defineTool({
  name: 'list_global_helpers',
  title: 'List global helpers',
  description:
    'List the global helper modules that Python detections import (id, description, tags, dates; no code). ' +
    'Use get_global_helper for the code.',
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
    const page = await client.rest<Page>({
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
    return listResult('global_helpers', items, page.next);
  },
});
