import { ALL_TABLE_DEFS } from '../../datalake/lake.js';
import {
  DATABASES,
  databaseOf,
  displayType,
  type TableDef,
  unknownDatabaseMessage,
} from '../../datalake/tables.js';
import { gqlError, requirePermission } from '../errors.js';
import type { Args, RootResolvers } from '../types.js';
import { decodeGqlCursor, pageOf, pageSize } from './paging.js';

function requireDatabase(name: string): string {
  const db = databaseOf(name);
  if (db === undefined) throw gqlError(unknownDatabaseMessage(name), 'NOT_FOUND');
  return db;
}

function tableView(table: TableDef) {
  return {
    name: table.name,
    displayName: table.logType ?? table.name,
    description: table.description,
    logType: table.logType ?? null,
    numMatches: null,
    columns: table.columns.map((c) => ({
      name: c.name,
      type: displayType(c.type),
      description: c.description,
    })),
  };
}

function tablesOf(db: string): TableDef[] {
  return ALL_TABLE_DEFS.filter((t) => t.database === db).sort((a, b) => a.name.localeCompare(b.name));
}

function databaseView(db: string) {
  const def = DATABASES.find((d) => d.name === db)!;
  return { name: `${db}.public`, description: def.description, tables: () => tablesOf(db).map(tableView) };
}

export const catalogResolvers: RootResolvers = {
  dataLakeDatabases(_args, context) {
    requirePermission(context, 'DataAnalyticsRead');
    return DATABASES.map((d) => databaseView(d.name));
  },

  dataLakeDatabase(args, context) {
    requirePermission(context, 'DataAnalyticsRead');
    return databaseView(requireDatabase(String(args['name'])));
  },

  dataLakeDatabaseTables(args, context) {
    requirePermission(context, 'DataAnalyticsRead');
    const input = args['input'] as Args;
    const db = requireDatabase(String(input['databaseName']));
    const size = pageSize(input['pageSize'], 25, 1000);
    const scope = `tables:${db}`;
    const { page, pageInfo } = pageOf(scope, tablesOf(db), decodeGqlCursor(scope, input['cursor']), size);
    return { edges: page.map((t) => ({ node: tableView(t) })), pageInfo };
  },

  dataLakeDatabaseTable(args, context) {
    requirePermission(context, 'DataAnalyticsRead');
    const input = args['input'] as Args;
    const db = requireDatabase(String(input['databaseName']));
    // Accept the table name, the log type (`AWS.CloudTrail`) or a qualified name.
    const wanted = String(input['tableName']).trim();
    const short = wanted.split('.').pop()!.toLowerCase();
    const table = tablesOf(db).find(
      (t) =>
        t.name === wanted.toLowerCase() ||
        t.logType === wanted ||
        t.name === short ||
        t.name === wanted.replace(/\./g, '_').toLowerCase(),
    );
    if (table === undefined) throw gqlError(`Table ${wanted} does not exist in ${db}.public`, 'NOT_FOUND');
    return tableView(table);
  },
};
