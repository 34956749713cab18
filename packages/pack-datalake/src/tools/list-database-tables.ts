import { defineTool, type JsonObject, table } from '@mcp-panther/core';
import { z } from 'zod';
import { databaseName, nameFilter } from '../params.js';
import { LIST_TABLES } from '../queries.js';

const PAGE_SIZE = 100;
/** Stops after this many pages (2,000 tables) and says the list is incomplete. */
const MAX_PAGES = 20;

interface TablesPage {
  dataLakeDatabaseTables: {
    edges: { node: { name: string; description?: string | null; logType?: string | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  };
}

export default defineTool({
  name: 'list_database_tables',
  title: 'List database tables',
  description:
    "List one data lake database's tables (e.g. panther_logs.public) with their log types; name_contains " +
    'filters names.',
  access: 'read',
  permissions: ['DataAnalyticsRead'],
  input: z.object({
    database: databaseName,
    name_contains: nameFilter.optional(),
  }),
  continuation: { filters: ['name_contains'] },
  async handler({ database, name_contains }, { client, signal }) {
    const tables: (JsonObject & { name: string })[] = [];
    let cursor: string | undefined;
    let complete = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const data = await client.graphql<TablesPage>(
        LIST_TABLES,
        { input: { databaseName: database, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        { signal, kind: 'query', cacheKind: 'catalog' },
      );
      const result = data.dataLakeDatabaseTables;
      for (const edge of result.edges) {
        tables.push(edge.node);
      }
      cursor = result.pageInfo.endCursor ?? undefined;
      if (!result.pageInfo.hasNextPage || !cursor) {
        complete = true;
        break;
      }
    }
    const needle = name_contains?.toLowerCase();
    const shown = needle ? tables.filter((t) => t.name.toLowerCase().includes(needle)) : tables;
    return {
      database,
      table_count: shown.length,
      // Long descriptions are shortened; get_table_schema has them whole.
      tables: table(shown, ['name', 'logType', 'description'], { maxText: 300 }),
      ...(complete
        ? {}
        : {
            note: `Stopped after ${tables.length} tables; the database has more. Use name_contains to narrow.`,
          }),
    };
  },
});
