/**
 * @mcp-panther/pack-datalake: the pack object (named export and default), and the query tools a host builds from
 * its `queryTools` config section (the section, its pack source and the builder).
 * Data lake queries (with a read-only SQL guard), databases, tables, alert event statistics, scheduled queries
 * and log type schemas.
 */
import { definePack } from '@mcp-panther/core';
import savedQueryResource from './resources/saved-query.js';
import getAlertEventStats from './tools/get-alert-event-stats.js';
import getLogTypeSchemaDetails from './tools/get-log-type-schema-details.js';
import getScheduledQuery from './tools/get-scheduled-query.js';
import getTableSchema from './tools/get-table-schema.js';
import listDatabaseTables from './tools/list-database-tables.js';
import listDatabases from './tools/list-databases.js';
import listLogTypeSchemas from './tools/list-log-type-schemas.js';
import listScheduledQueries from './tools/list-scheduled-queries.js';
import queryDataLake from './tools/query-data-lake.js';
import saveQuery from './tools/save-query.js';

export const datalakePack = definePack({
  id: 'datalake',
  title: 'Data lake',
  description: 'Panther data lake queries, databases and tables, scheduled queries and log type schemas.',
  version: '0.1.0',
  coreRange: '^0.1.0',
  tools: [
    queryDataLake,
    getAlertEventStats,
    listDatabases,
    listDatabaseTables,
    getTableSchema,
    listScheduledQueries,
    getScheduledQuery,
    saveQuery,
    listLogTypeSchemas,
    getLogTypeSchemaDetails,
  ],
  resources: [savedQueryResource],
  instructions:
    'Data lake SQL is Snowflake and read-only; find tables with list_database_tables and columns with ' +
    'get_table_schema before writing query_data_lake SQL, and filter Panther tables by time.',
});

export default datalakePack;

export { compileQueryTool, QueryToolError } from './query-tools/compile.js';
export { buildQueriesPack, QUERIES_PACK_ID, QueryToolsError } from './query-tools/pack.js';
export type { ParameterSpec, WindowName } from './query-tools/parameters.js';
export { WINDOWS } from './query-tools/parameters.js';
export type { QueryToolEntry, QueryToolsConfig } from './query-tools/section.js';
export { QUERY_TOOLS_SECTION, queryToolSchema, queryToolsConfig } from './query-tools/section.js';
export { QUERY_TOOLS_SPECIFIER, queryToolsSources, queryToolsSourcesOf } from './query-tools/source.js';
