import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listGlobalHelpers from './list-global-helpers.js';

const helper = {
  id: 'panther_base_helpers',
  description: 'Shared helpers',
  tags: ['base'],
  body: 'def deep_get(): ...',
  createdAt: '2024-01-01T00:00:00Z',
  lastModified: '2024-01-02T00:00:00Z',
};

describe('list_global_helpers', () => {
  it('sends the filters and drops the code', async () => {
    const fake = createFakeClient(() => ({ results: [helper], next: null }));
    const out = await runTool(
      listGlobalHelpers,
      { name_contains: 'aws', created_by: 'a', last_modified_by: 'b', limit: 10, cursor: 'c1' },
      fake,
    );
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/globals',
      query: { limit: 10, cursor: 'c1', 'name-contains': 'aws', 'created-by': 'a', 'last-modified-by': 'b' },
    });
    expect(out).toEqual({
      global_helpers: [
        {
          id: 'panther_base_helpers',
          description: 'Shared helpers',
          tags: ['base'],
          createdAt: '2024-01-01T00:00:00Z',
          lastModified: '2024-01-02T00:00:00Z',
        },
      ],
    });
  });

  it('returns next_cursor and a note when the page was cut', async () => {
    const fake = createFakeClient(() => ({ results: [], next: 'p2' }));
    const out = await runTool(listGlobalHelpers, {}, fake);
    expect(out).toMatchObject({ next_cursor: 'p2', note: expect.stringContaining('cursor') });
    expect(fake.restCalls()[0]?.query).toMatchObject({ limit: 100 });
  });

  it('bounds limit to 1..1000', () => {
    expect(() => listGlobalHelpers.input.parse({ limit: 1001 })).toThrow();
    expect(listGlobalHelpers.input.parse({ limit: 1000 })).toMatchObject({ limit: 1000 });
  });
});
