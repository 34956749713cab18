import { table as asTable, compact, defineTool, isPantherApiError, ToolInputError } from '@mcp-panther/core';
import { z } from 'zod';
import { databaseName, tableName } from '../params.js';
import { GET_TABLE } from '../queries.js';

interface Table {
  name: string;
  displayName?: string | null;
  description?: string | null;
  logType?: string | null;
  columns?: { name: string; type?: string | null; description?: string | null }[] | null;
}

export default defineTool({
  name: 'get_table_schema',
  title: 'Get table schema',
  description:
    "Get a data lake table's columns (name, type, description) for query_data_lake SQL; the log type's full " +
    'spec: get_log_type_schema_details.',
  access: 'read',
  permissions: ['DataAnalyticsRead'],
  input: z.object({
    database_name: databaseName.describe('e.g. panther_logs.public'),
    table_name: tableName.describe('e.g. aws_cloudtrail'),
  }),
  async handler({ database_name, table_name }, { client, signal }) {
    let table: Table | null | undefined;
    try {
      const data = await client.graphql<{ dataLakeDatabaseTable: Table | null }>(
        GET_TABLE,
        { input: { databaseName: database_name, tableName: table_name } },
        { signal, kind: 'query', cacheKind: 'catalog' },
      );
      table = data.dataLakeDatabaseTable;
    } catch (error) {
      if (!isPantherApiError(error) || error.code !== 'NOT_FOUND') throw error;
    }
    if (!table) {
      throw new ToolInputError(
        'table_name',
        `no table ${table_name} in ${database_name}; list_database_tables shows the tables.`,
      );
    }
    const columns = table.columns ?? [];
    return {
      ...compact({
        name: table.name,
        // The display name is the log type for Panther's own tables; said once.
        displayName: table.displayName === table.logType ? undefined : table.displayName,
        description: table.description,
        logType: table.logType,
      }),
      column_count: columns.length,
      columns: asTable(columns, ['name', 'type', 'description']),
    };
  },
});
