import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getRole from './get-role.js';

describe('get_role', () => {
  it('returns the role', async () => {
    const fake = createFakeClient(() => ({ id: 'r1', name: 'Admin', permissions: ['RuleRead'] }));
    expect(await runTool(getRole, { role_id: 'r1' }, fake)).toEqual({
      role: { id: 'r1', name: 'Admin', permissions: ['RuleRead'] },
    });
    expect(fake.restCalls()[0]).toMatchObject({ method: 'GET', path: '/roles/r1' });
  });

  it('requires a role id', () => {
    expect(() => getRole.input.parse({ role_id: '' })).toThrow();
  });
});
