import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listDatabaseTables from './list-database-tables.js';

type Graphql = Extract<FakeCall, { kind: 'graphql' }>;

function pages(total: number) {
  return createFakeClient((call) => {
    const input = (call as Graphql).variables['input'] as { cursor?: string; pageSize: number };
    const from = input.cursor ? Number(input.cursor) : 0;
    const to = Math.min(from + input.pageSize, total);
    return {
      dataLakeDatabaseTables: {
        edges: Array.from({ length: to - from }, (_, i) => ({
          node: { name: `table_${from + i}`, description: null, logType: `Custom.T${from + i}` },
        })),
        pageInfo: { hasNextPage: to < total, endCursor: to < total ? String(to) : null },
      },
    };
  });
}

describe('list_database_tables', () => {
  it('pages through every table and reports the real count', async () => {
    const fake = pages(250);
    const result = await runTool(listDatabaseTables, { database: 'panther_logs.public' }, fake);
    expect(fake.calls).toHaveLength(3);
    expect((fake.calls[1] as Graphql).variables).toEqual({
      input: { databaseName: 'panther_logs.public', pageSize: 100, cursor: '100' },
    });
    expect(result['table_count']).toBe(250);
    const tables = result['tables'] as { columns: string[]; rows: unknown[][] };
    expect(tables.columns).toEqual(['name', 'logType', 'description']);
    expect(tables.rows[0]).toEqual(['table_0', 'Custom.T0', null]);
    expect(tables.rows).toHaveLength(250);
    expect(result['note']).toBeUndefined();
  });

  it('stops at 20 pages and says the list is incomplete', async () => {
    const fake = pages(5000);
    const result = await runTool(listDatabaseTables, { database: 'panther_logs' }, fake);
    expect(fake.calls).toHaveLength(20);
    expect(result['table_count']).toBe(2000);
    expect(result['note']).toContain('Stopped after 2000 tables');
  });

  it('filters by name_contains, case-insensitive', async () => {
    const fake = pages(30);
    const result = await runTool(
      listDatabaseTables,
      { database: 'panther_logs.public', name_contains: 'TABLE_2' },
      fake,
    );
    expect(result['table_count']).toBe(11);
  });

  it('rejects a database name that is not an identifier', () => {
    expect(listDatabaseTables.input.safeParse({ database: 'x y' }).success).toBe(false);
    expect(listDatabaseTables.input.safeParse({}).success).toBe(false);
  });
});
