import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getPermissions from './get-permissions.js';

describe('get_permissions', () => {
  it("maps the token's raw permissions to console names and keeps unknown ones", async () => {
    const fake = createFakeClient(() => ({
      id: 't1',
      name: 'mcp',
      permissions: ['RuleRead', 'AlertModify', 'SummaryRead', 'ResourceRead', 'AIRunAsModify'],
    }));
    expect(await runTool(getPermissions, {}, fake)).toEqual({
      permissions: ['View Rules', 'Manage Alerts', 'Read Panther Metrics', 'ResourceRead', 'AIRunAsModify'],
    });
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/api-tokens/self',
      cacheKind: 'identity',
    });
  });

  it('needs no permission, and an empty token gives an empty list', async () => {
    expect(getPermissions.permissions).toEqual([]);
    const fake = createFakeClient(() => ({ permissions: [] }));
    expect(await runTool(getPermissions, {}, fake)).toEqual({ permissions: [] });
  });

  it('does not map inherited object keys', async () => {
    const fake = createFakeClient(() => ({ permissions: ['toString'] }));
    expect(await runTool(getPermissions, {}, fake)).toEqual({ permissions: ['toString'] });
  });
});
