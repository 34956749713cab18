import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor } from '../params.js';
import { LIST_LOG_SOURCES, type LogSourcesData } from '../queries.js';
import { cursorOf, type JsonObject, MORE_NOTE } from '../support/objects.js';

export default defineTool({
  name: 'list_log_sources',
  title: 'List log sources',
  description:
    'List log sources (S3, HTTP, SQS, cloud pullers...) with health, log types and last event times. ' +
    'Healthy and unhealthy sources are both listed unless is_healthy is set.',
  access: 'read',
  permissions: ['LogSourceRead'],
  input: z.object({
    cursor,
    log_types: z.array(z.string()).optional().describe('any of'),
    is_healthy: z.boolean().optional(),
    integration_type: z.string().optional().describe('e.g. aws-s3, http-ingest'),
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
    if (!hasNextPage || !endCursor) return { sources };
    const filtered = args.is_healthy !== undefined || args.integration_type || wantedTypes;
    return {
      sources,
      next_cursor: endCursor,
      note: filtered ? `${MORE_NOTE} Filters apply to each page, so later pages may match too.` : MORE_NOTE,
    };
  },
});
