import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listRoles from './list-roles.js';

const role = {
  id: 'r1',
  name: 'Analyst',
  permissions: ['AlertRead'],
  logTypeAccessKind: 'ALLOW_ALL',
  logTypeAccess: null,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  updatedBy: { id: 'u1', type: 'user' },
};

describe('list_roles', () => {
  it('sends name filters, comma-joined ids and sort-dir (asc by default)', async () => {
    const fake = createFakeClient(() => ({ results: [role] }));
    const out = await runTool(listRoles, { name_contains: 'an', role_ids: ['r1', 'r2'] }, fake);
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/roles',
      query: { 'name-contains': 'an', ids: 'r1,r2', 'sort-dir': 'asc' },
    });
    const { updatedBy: _u, ...compact } = role;
    expect(out).toEqual({ roles: [compact] });
  });

  it('notes when Panther cut the list', async () => {
    const fake = createFakeClient(() => ({ results: [], next: 'more' }));
    const out = await runTool(listRoles, { name: 'Admin', sort_dir: 'desc' }, fake);
    expect(fake.restCalls()[0]?.query).toMatchObject({ name: 'Admin', 'sort-dir': 'desc', ids: undefined });
    expect(out['note']).toContain('narrow');
  });

  it('rejects an unknown sort direction', () => {
    expect(() => listRoles.input.parse({ sort_dir: 'up' })).toThrow();
  });
});
