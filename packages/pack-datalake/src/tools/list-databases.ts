import { compact, defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { LIST_DATABASES } from '../queries.js';

interface Database {
  name: string;
  description?: string | null;
}

export default defineTool({
  name: 'list_databases',
  title: 'List data lake databases',
  description:
    'List the data lake databases (panther_logs, panther_signals, lookups …): database_name of query_data_lake ' +
    'and list_database_tables.',
  access: 'read',
  permissions: ['DataAnalyticsRead'],
  input: z.object({}),
  async handler(_input, { client, signal }) {
    const data = await client.graphql<{ dataLakeDatabases: Database[] }>(
      LIST_DATABASES,
      {},
      { signal, kind: 'query', cacheKind: 'catalog' },
    );
    const databases = (data.dataLakeDatabases ?? []).map((db) =>
      compact({ name: db.name, description: db.description }),
    );
    return { databases, database_count: databases.length };
  },
});
