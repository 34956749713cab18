import { defineTool, ToolInputError } from '@mcp-panther/core';
import { z } from 'zod';
import {
  columnNames,
  databaseName,
  dataLakeCursor,
  dataLakeQueryId,
  maxRows,
  sqlText,
  timeoutSeconds,
} from '../params.js';
import { checkSql } from '../support/guarded.js';
import { readPage, runQuery } from '../support/query-runner.js';
import queryResults from '../views/query-results.js';

export default defineTool({
  name: 'query_data_lake',
  title: 'Query data lake',
  description:
    'Run one read-only Snowflake SQL statement (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN) on the Panther data lake. ' +
    'Tables: panther_logs.public.<log type lower-cased, . as _>, e.g. aws_cloudtrail. On panther_* databases ' +
    "WHERE needs a time filter: p_occurs_since('1 d'), p_occurs_between('2024-01-01','2024-01-02'), " +
    "p_occurs_around(ts,'1 h'), p_occurs_after(ts), p_occurs_before(ts) or a p_event_time comparison " +
    '(p_row_id/p_alert_id = literal lookups are exempt). ' +
    "JSON: col:field.sub; arrays: ARRAY_CONTAINS('x'::VARIANT, p_any_ip_addresses). " +
    'Paging: cursor=next_cursor, no sql (not run again).',
  access: 'read',
  permissions: ['DataAnalyticsRead'],
  view: queryResults,
  input: z.object({
    sql: sqlText.optional().describe('one statement; omit when paging'),
    database_name: databaseName.default('panther_logs.public'),
    timeout: timeoutSeconds.describe('seconds'),
    max_rows: maxRows.describe('rows per page'),
    cursor: dataLakeCursor.optional(),
    query_id: dataLakeQueryId.optional().describe("an earlier query's results"),
    fields: columnNames.optional().describe('columns'),
  }),
  continuation: { cursor: 'cursor', pageSize: 'max_rows', fields: 'fields', resumeWith: ['query_id'] },
  async handler({ sql, database_name, timeout, max_rows, cursor, query_id, fields }, context) {
    if (cursor !== undefined || query_id !== undefined) {
      return {
        ...(await readPage(context, {
          queryId: query_id,
          cursor,
          timeoutSeconds: timeout,
          pageSize: max_rows,
          fields,
        })),
      };
    }
    if (sql === undefined || sql.trim() === '') {
      throw new ToolInputError(
        'sql',
        'is required (unless cursor or query_id is given to read earlier results).',
      );
    }
    const checked = checkSql(sql, database_name);
    const page = await runQuery(context, checked.sql, database_name, {
      timeoutSeconds: timeout,
      pageSize: max_rows,
      fields,
    });
    return {
      ...page,
      ...(checked.quoted.length > 0 ? { quoted_identifiers: [...new Set(checked.quoted)] } : {}),
    };
  },
});
