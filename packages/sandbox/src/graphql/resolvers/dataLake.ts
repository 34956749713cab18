import type { DataLakeQueryRecord } from '../../datalake/queryRunner.js';
import { QueryError, resolveDatabase } from '../../datalake/queryRunner.js';
import { gqlError, requirePermission } from '../errors.js';
import type { Args, GqlContext, RootResolvers } from '../types.js';
import { decodeGqlCursor, pageInfo, pageOf, pageSize } from './paging.js';

const MAX_RESULT_PAGE = 999;

function queryView(record: DataLakeQueryRecord) {
  return {
    id: record.id,
    sql: record.sql,
    name: null,
    isScheduled: false,
    issuedBy: null,
    children: [],
    status: record.status,
    message: record.message,
    startedAt: record.startedAt.toISOString(),
    completedAt: record.completedAt?.toISOString() ?? null,
    results(args: Args) {
      const result = record.result;
      if (record.status !== 'succeeded' || result === null) return null;
      const input = (args['input'] ?? {}) as Args;
      const size = pageSize(input['pageSize'], MAX_RESULT_PAGE, MAX_RESULT_PAGE);
      const scope = `dlq:${record.id}`;
      const offset = decodeGqlCursor(scope, input['cursor']);
      const rows = result.rows.slice(offset, offset + size);
      return {
        edges: rows.map((node, i) => ({ id: String(offset + i), node })),
        pageInfo: pageInfo(scope, offset, size, offset + size < result.rows.length),
        columnInfo: { order: result.columns, types: result.types },
        stats: {
          bytesScanned: result.bytesScanned,
          executionTime: result.executionTimeMs,
          rowCount: result.rows.length,
        },
        actorProfiles: [],
        tryAgain: false,
      };
    },
  };
}

function lookup(context: GqlContext, id: string): DataLakeQueryRecord {
  const record = context.ctx.queries.get(id);
  if (record === undefined) throw gqlError(`Query ${id} not found`, 'NOT_FOUND');
  return record;
}

export const dataLakeQueryResolvers: RootResolvers = {
  executeDataLakeQuery(args, context) {
    requirePermission(context, 'DataAnalyticsRead');
    const input = args['input'] as { sql: string; databaseName?: string | null };
    if (input.sql.trim() === '') throw gqlError('sql must not be empty', 'BAD_USER_INPUT');
    const databaseName = input.databaseName ?? 'panther_logs';
    try {
      resolveDatabase(databaseName);
    } catch (error) {
      throw gqlError((error as Error).message, 'BAD_USER_INPUT');
    }
    const record = context.ctx.queries.execute(input.sql, databaseName, context.identity.id);
    return { id: record.id };
  },

  dataLakeQuery(args, context) {
    requirePermission(context, 'DataAnalyticsRead');
    return queryView(lookup(context, String(args['id'])));
  },

  cancelDataLakeQuery(args, context) {
    requirePermission(context, 'DataAnalyticsRead');
    const id = String((args['input'] as Args)['id']);
    try {
      return { id: context.ctx.queries.cancel(id).id };
    } catch (error) {
      if (error instanceof QueryError) throw gqlError(error.message, error.code);
      throw error;
    }
  },

  dataLakeQueries(args, context) {
    requirePermission(context, 'DataAnalyticsRead');
    const input = (args['input'] ?? {}) as Args;
    const size = pageSize(input['pageSize'], 25, 999);
    const offset = decodeGqlCursor('dlqs', input['cursor']);
    const contains = typeof input['contains'] === 'string' ? input['contains'].toLowerCase() : undefined;
    const statuses = input['status'] as string[] | null | undefined;
    const issuedBy = input['issuedBy'] as string[] | null | undefined;
    const after = input['startedAtAfter'] ? Date.parse(String(input['startedAtAfter'])) : undefined;
    const before = input['startedAtBefore'] ? Date.parse(String(input['startedAtBefore'])) : undefined;
    let records = context.ctx.queries
      .list()
      .filter(
        (r) =>
          (contains === undefined || r.sql.toLowerCase().includes(contains)) &&
          (statuses == null || statuses.length === 0 || statuses.includes(r.status)) &&
          (issuedBy == null || issuedBy.length === 0 || issuedBy.includes(r.issuedBy)) &&
          (after === undefined || r.startedAt.getTime() >= after) &&
          (before === undefined || r.startedAt.getTime() <= before) &&
          input['isScheduled'] !== true,
      );
    if (input['sortDir'] === 'ascending') records = records.reverse();
    const { page, pageInfo } = pageOf('dlqs', records, offset, size);
    return { edges: page.map((r) => ({ node: queryView(r) })), pageInfo };
  },
};
