import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listLogTypeSchemas from './list-log-type-schemas.js';

type Graphql = Extract<FakeCall, { kind: 'graphql' }>;

const schema = (name: string, isArchived: boolean) => ({
  name,
  description: null,
  revision: 3,
  isArchived,
  isManaged: true,
  referenceURL: '',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: null,
});

describe('list_log_type_schemas', () => {
  it('asks for non-archived schemas explicitly and leaves archived ones out', async () => {
    const fake = createFakeClient(() => ({
      schemas: { edges: [{ node: schema('AWS.CloudTrail', false) }, { node: schema('Old.Thing', true) }] },
    }));
    const result = await runTool(listLogTypeSchemas, {}, fake);
    expect((fake.calls[0] as Graphql).variables).toEqual({ input: { isArchived: false } });
    expect(result).toEqual({
      schema_count: 1,
      schemas: { columns: ['name', 'description', 'isManaged'], rows: [['AWS.CloudTrail', null, true]] },
    });
  });

  it('passes contains and the true flags', async () => {
    const fake = createFakeClient(() => ({ schemas: { edges: [{ node: schema('Old.Thing', true) }] } }));
    const result = await runTool(
      listLogTypeSchemas,
      { contains: 'Old', is_archived: true, is_in_use: true, is_managed: true },
      fake,
    );
    expect((fake.calls[0] as Graphql).variables).toEqual({
      input: { isArchived: true, contains: 'Old', isInUse: true, isManaged: true },
    });
    expect(result['schema_count']).toBe(1);
  });
});
