import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listDatabases from './list-databases.js';

describe('list_databases', () => {
  it('lists names and descriptions, dropping empty descriptions, with a count', async () => {
    const fake = createFakeClient(() => ({
      dataLakeDatabases: [
        { name: 'panther_logs.public', description: 'Parsed logs' },
        { name: 'panther_lookups.public', description: null },
      ],
    }));
    const result = await runTool(listDatabases, {}, fake);
    expect(result).toEqual({
      databases: [
        { name: 'panther_logs.public', description: 'Parsed logs' },
        { name: 'panther_lookups.public' },
      ],
      database_count: 2,
    });
    expect((fake.calls[0] as Extract<FakeCall, { kind: 'graphql' }>).options).toMatchObject({
      cacheKind: 'catalog',
    });
  });

  it('returns an empty list rather than failing', async () => {
    const fake = createFakeClient(() => ({ dataLakeDatabases: [] }));
    expect(await runTool(listDatabases, {}, fake)).toEqual({
      databases: [],
      database_count: 0,
    });
  });
});
