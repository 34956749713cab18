import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listUsers from './list-users.js';

const user = { id: 'alice@example.com', email: 'alice@example.com', role: { id: 'r1', name: 'Admin' } };

describe('list_users', () => {
  it('asks for 60 users by default and returns them as a table, the role by name', async () => {
    const fake = createFakeClient(() => ({ results: [user] }));
    expect(await runTool(listUsers, {}, fake)).toEqual({
      users: {
        columns: ['id', 'email', 'givenName', 'familyName', 'role', 'enabled', 'status', 'lastLoggedInAt'],
        rows: [['alice@example.com', 'alice@example.com', null, null, 'Admin', null, null, null]],
      },
    });
    expect(fake.restCalls()[0]).toMatchObject({ method: 'GET', path: '/users', query: { limit: 60 } });
  });

  it('pages with cursor and next_cursor', async () => {
    const fake = createFakeClient(() => ({ results: [user], next: 'u2' }));
    const out = await runTool(listUsers, { cursor: 'u1', limit: 1 }, fake);
    expect(fake.restCalls()[0]?.query).toEqual({ limit: 1, cursor: 'u1' });
    expect(out).toMatchObject({ next_cursor: 'u2', note: expect.stringContaining('cursor') });
  });

  it('bounds limit to 1..60', () => {
    expect(() => listUsers.input.parse({ limit: 61 })).toThrow();
    expect(() => listUsers.input.parse({ limit: 0 })).toThrow();
  });
});
