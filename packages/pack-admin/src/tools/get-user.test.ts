import { PantherApiError } from '@mcp-panther/core';
import { describe, expect, it } from 'vitest';
import { callTool, createFakeClient } from '../testdata/fake-client.js';
import getUser from './get-user.js';

describe('get_user', () => {
  it('gets the user by its encoded id', async () => {
    const fake = createFakeClient(() => ({ id: 'a+b@example.com' }));
    expect(await callTool(getUser, { user_id: 'a+b@example.com' }, fake.client)).toEqual({
      user: { id: 'a+b@example.com' },
    });
    expect(fake.restCalls()[0]?.path).toBe('/users/a%2Bb%40example.com');
  });

  it("passes Panther's not-found error through", async () => {
    const fake = createFakeClient(() => {
      throw new PantherApiError('NOT_FOUND', 'user not found', { status: 404 });
    });
    await expect(callTool(getUser, { user_id: 'x' }, fake.client)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
