import { defineTool, type JsonObject, table } from '@mcp-panther/core';
import { z } from 'zod';
import { nameFilter } from '../params.js';
import { LIST_SCHEMAS } from '../queries.js';

/** What a model needs to pick a schema; revisions, dates and the spec are in get_log_type_schema_details. */
const COLUMNS = ['name', 'description', 'isManaged'] as const;

export default defineTool({
  name: 'list_log_type_schemas',
  title: 'List log type schemas',
  description:
    'List log type schemas (AWS.CloudTrail, Custom.* …) as a table; contains matches schema or field names; ' +
    'an is_* flag set true keeps only those; spec: get_log_type_schema_details.',
  access: 'read',
  // Schemas describe what log sources ingest: View Log Sources, as the reference declares.
  permissions: ['LogSourceRead'],
  input: z.object({
    contains: nameFilter.optional(),
    is_archived: z.boolean().default(false),
    is_in_use: z.boolean().default(false),
    is_managed: z.boolean().default(false),
  }),
  continuation: { filters: ['contains', 'is_managed', 'is_in_use'] },
  async handler({ contains, is_archived, is_in_use, is_managed }, { client, signal }) {
    // isArchived is always sent: left out, Panther returns archived schemas too (reference quirk §12.5).
    const input = {
      isArchived: is_archived,
      ...(contains ? { contains } : {}),
      ...(is_in_use ? { isInUse: true } : {}),
      ...(is_managed ? { isManaged: true } : {}),
    };
    const data = await client.graphql<{ schemas: { edges: { node: JsonObject }[] } }>(
      LIST_SCHEMAS,
      { input },
      { signal, kind: 'query', cacheKind: 'catalog' },
    );
    const schemas = (data.schemas?.edges ?? [])
      .map((edge) => edge.node)
      .filter((schema) => schema['isArchived'] === is_archived);
    // Long descriptions are shortened; get_log_type_schema_details has them whole.
    return { schema_count: schemas.length, schemas: table(schemas, COLUMNS, { maxText: 300 }) };
  },
});
