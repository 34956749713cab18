import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { inputIssue, notFound } from '../testdata/helpers.js';
import updateAlertAssignee from './update-alert-assignee.js';

describe('update_alert_assignee', () => {
  it('PATCHes /alerts with ids and assignee and accepts the empty 204', async () => {
    const fake = createFakeClient(() => undefined);
    const result = await runTool(updateAlertAssignee, { alert_ids: ['a1'], assignee_id: 'user-1' }, fake);
    expect(fake.restCalls()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/alerts',
        body: { ids: ['a1'], assignee: 'user-1' },
      }),
    ]);
    expect(result).toEqual({ updated: ['a1'], assignee_id: 'user-1' });
  });

  it('names the ids on NOT_FOUND and bounds the id list', async () => {
    const fake = createFakeClient(() => {
      throw notFound();
    });
    await expect(runTool(updateAlertAssignee, { alert_ids: ['zz'], assignee_id: 'u' }, fake)).rejects.toThrow(
      /One or more alerts not found: zz/,
    );
    const ids = Array.from({ length: 101 }, (_, i) => `a${i}`);
    expect(inputIssue(updateAlertAssignee, { alert_ids: ids, assignee_id: 'u' })?.path).toBe('alert_ids');
    expect(inputIssue(updateAlertAssignee, { alert_ids: ['a'], assignee_id: '' })?.path).toBe('assignee_id');
  });
});
