import { PantherApiError } from '@mcp-panther/core';
import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getGlobalHelper from './get-global-helper.js';

const helper = {
  id: 'panther_base_helpers',
  description: 'Shared helpers',
  tags: ['base'],
  body: 'def deep_get(): ...',
  createdAt: '2024-01-01T00:00:00Z',
  lastModified: '2024-01-02T00:00:00Z',
};

describe('get_global_helper', () => {
  it('returns the helper with its code', async () => {
    const fake = createFakeClient(() => helper);
    expect(await runTool(getGlobalHelper, { helper_id: 'a/b' }, fake)).toEqual({
      global_helper: helper,
    });
    expect(fake.restCalls()[0]?.path).toBe('/globals/a%2Fb');
  });

  it("passes Panther's not-found error through", async () => {
    const fake = createFakeClient(() => {
      throw new PantherApiError('NOT_FOUND', 'global not found', { status: 404 });
    });
    await expect(runTool(getGlobalHelper, { helper_id: 'x' }, fake)).rejects.toThrow('global not found');
  });
});
