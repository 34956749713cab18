import { cursorOf, defineTool, type JsonObject, pagedResult } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor, MAX_ITEMS, name } from '../params.js';
import { LIST_LOG_SOURCES, type LogSourcesData } from '../queries.js';

export default defineTool({
  name: 'list_log_sources',
  title: 'List log sources',
  description:
    'List log sources (S3, HTTP, SQS, pullers…) with health, log types and last event times; all unless ' +
    'is_healthy is set.',
  access: 'read',
  permissions: ['LogSourceRead'],
  input: z.object({
    cursor,
    log_types: z.array(name).max(MAX_ITEMS).optional().describe('any of'),
    is_healthy: z.boolean().optional(),
    integration_type: name.optional().describe('e.g. aws-s3'),
  }),
  async handler(args, { client, signal }) {
    const after = cursorOf(args.cursor);
    const data = await client.graphql<LogSourcesData>(
      LIST_LOG_SOURCES,
      { input: after ? { cursor: after } : {} },
      { signal, tags: ['log-sources'] },
    );
    const wantedTypes = args.log_types?.length ? new Set(args.log_types) : undefined;
    const sources: JsonObject[] = data.sources.edges
      .map((edge) => edge.node)
      .filter(
        (node) =>
          (args.is_healthy === undefined || node.isHealthy === args.is_healthy) &&
          (!args.integration_type || node.integrationType === args.integration_type) &&
          (wantedTypes === undefined || (node.logTypes ?? []).some((t) => wantedTypes.has(t))),
      );
    const { hasNextPage, endCursor } = data.sources.pageInfo;
    const filtered = args.is_healthy !== undefined || args.integration_type || wantedTypes;
    return pagedResult(
      'sources',
      sources,
      hasNextPage ? endCursor : undefined,
      filtered ? { note: 'Filters apply to each page, so later pages may match too.' } : {},
    );
  },
});
