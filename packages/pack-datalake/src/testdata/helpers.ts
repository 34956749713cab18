/** Data lake test helpers on top of `@mcp-panther/core/testing` (not part of the build). */
import { type FakeClient, recordsOf } from '@mcp-panther/core/testing';

/** Operation names of the GraphQL calls, in order (`ExecuteDataLakeQuery`, `GetDataLakeQuery`, ...). */
export const operations = (fake: FakeClient): string[] => fake.graphqlCalls().map((call) => call.operation);

/** A dataLakeQuery answer. */
export function queryState(
  id: string,
  status: 'running' | 'succeeded' | 'failed' | 'cancelled',
  results?: {
    rows: Record<string, unknown>[];
    hasNextPage?: boolean;
    endCursor?: string | null;
    rowCount?: number;
  },
  message = '',
) {
  return {
    dataLakeQuery: {
      id,
      status,
      message,
      results: results
        ? {
            edges: results.rows.map((node) => ({ node })),
            pageInfo: { hasNextPage: results.hasNextPage ?? false, endCursor: results.endCursor ?? null },
            columnInfo: {
              order: Object.keys(results.rows[0] ?? {}),
              types: Object.fromEntries(Object.keys(results.rows[0] ?? {}).map((k) => [k, 'string'])),
            },
            stats: {
              bytesScanned: 1024,
              executionTime: 12,
              rowCount: results.rowCount ?? results.rows.length,
            },
          }
        : null,
    },
  };
}

type Table = { columns: string[]; rows: unknown[][] };
const isTable = (value: unknown): value is Table =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as Table).columns) &&
  Array.isArray((value as Table).rows);

/**
 * A structured result with every table read back as records, so assertions read fields by name: the rows of a
 * query page (with its `same_in_every_row` values in each) and any list given as a table.
 */
// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field in assertions.
export function readable(result: Record<string, any>): Record<string, any> {
  const out: Record<string, unknown> = { ...result };
  if (isTable(result)) {
    const same = ((result as Record<string, unknown>)['same_in_every_row'] ?? {}) as Record<string, unknown>;
    out['rows'] = recordsOf(result).map((record) => ({ ...record, ...same }));
    out['all_columns'] = [...result.columns, ...Object.keys(same)];
  }
  for (const [key, value] of Object.entries(result)) {
    if (key !== 'rows' && isTable(value)) out[key] = recordsOf(value);
  }
  return out;
}
