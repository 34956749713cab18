/** Runs the SQL guard and turns its refusals into input errors on the `sql` argument. */
import { ToolInputError } from '@mcp-panther/core';
import { type GuardResult, guardSql, SqlGuardError } from '../sql/guard.js';

export function checkSql(sql: string, databaseName: string): GuardResult {
  try {
    return guardSql(sql, { databaseName });
  } catch (error) {
    if (error instanceof SqlGuardError) throw new ToolInputError('sql', error.message, { cause: error });
    throw error;
  }
}
