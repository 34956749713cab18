import { PantherApiError } from '@mcp-panther/core';
import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getUser from './get-user.js';

describe('get_user', () => {
  it('gets the user by its encoded id', async () => {
    const fake = createFakeClient(() => ({ id: 'a+b@example.com' }));
    expect(await runTool(getUser, { user_id: 'a+b@example.com' }, fake)).toEqual({
      user: { id: 'a+b@example.com' },
    });
    expect(fake.restCalls()[0]?.path).toBe('/users/a%2Bb%40example.com');
  });

  it("passes Panther's not-found error through", async () => {
    const fake = createFakeClient(() => {
      throw new PantherApiError('NOT_FOUND', 'user not found', { status: 404 });
    });
    await expect(runTool(getUser, { user_id: 'x' }, fake)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
