/** Data lake test helpers on top of `@mcp-panther/core/testing` (not part of the build). */
import type { FakeClient } from '@mcp-panther/core/testing';

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
