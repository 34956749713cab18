import { compact, defineTool, type JsonObject } from '@mcp-panther/core';
import { z } from 'zod';
import { logTypeName } from '../params.js';
import { GET_SCHEMA_DETAILS } from '../queries.js';

export default defineTool({
  name: 'get_log_type_schema_details',
  title: 'Get log type schema details',
  description:
    'Get the full spec (fields, types, indicators) of 1-5 log types by exact name (from list_log_type_schemas), ' +
    'e.g. AWS.CloudTrail.',
  access: 'read',
  // The reference declares View Rules (RuleRead), but this reads the same `schemas` operation as
  // list_log_type_schemas (View Log Sources): one operation cannot need two different permissions, and schemas
  // belong to log sources, so both tools ask for LogSourceRead.
  permissions: ['LogSourceRead'],
  input: z.object({ schema_names: z.array(logTypeName).min(1).max(5) }),
  async handler({ schema_names }, { client, signal }) {
    const names = [...new Set(schema_names)];
    const found = await Promise.all(
      names.map(async (name) => {
        // `contains` is a substring (and field-name) search: keep only the exact match (reference quirk §12.6).
        const data = await client.graphql<{ schemas: { edges: { node: JsonObject }[] } }>(
          GET_SCHEMA_DETAILS,
          { input: { contains: name } },
          { signal, kind: 'query', cacheKind: 'catalog' },
        );
        const candidates = (data.schemas?.edges ?? []).map((edge) => edge.node);
        const exact =
          candidates.find((schema) => schema['name'] === name) ??
          candidates.find((schema) => String(schema['name']).toLowerCase() === name.toLowerCase());
        return { name, exact, similar: candidates.map((schema) => String(schema['name'])).slice(0, 5) };
      }),
    );
    const schemas = found.flatMap((entry) => (entry.exact ? [compact(entry.exact)] : []));
    const missing = found.filter((entry) => !entry.exact);
    return {
      schemas,
      ...(missing.length > 0
        ? {
            not_found: missing.map((entry) =>
              entry.similar.length > 0 ? { name: entry.name, similar: entry.similar } : { name: entry.name },
            ),
          }
        : {}),
    };
  },
});
