import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { inputIssue, notFound } from '../testdata/helpers.js';
import updateAlertStatus from './update-alert-status.js';

describe('update_alert_status', () => {
  it('PATCHes /alerts with ids and status, accepts the empty 204, and invalidates cached alerts', async () => {
    const fake = createFakeClient(() => undefined);
    const result = await runTool(updateAlertStatus, { alert_ids: ['a1', 'a2'], status: 'RESOLVED' }, fake);
    expect(fake.restCalls()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/alerts',
        body: { ids: ['a1', 'a2'], status: 'RESOLVED' },
        tags: ['alerts'],
      }),
    ]);
    expect(result).toEqual({ updated: ['a1', 'a2'], status: 'RESOLVED' });
  });

  it('lists the ids when Panther reports a missing alert', async () => {
    const fake = createFakeClient(() => {
      throw notFound('alert a2 not found');
    });
    await expect(
      runTool(updateAlertStatus, { alert_ids: ['a1', 'a2'], status: 'CLOSED' }, fake),
    ).rejects.toThrow('One or more alerts not found: a1, a2 (alert a2 not found)');
  });

  it('takes 1..100 ids and only the four statuses', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);
    expect(inputIssue(updateAlertStatus, { alert_ids: ids(100), status: 'OPEN' })).toBeUndefined();
    expect(inputIssue(updateAlertStatus, { alert_ids: ids(101), status: 'OPEN' })).toEqual({
      path: 'alert_ids',
      message: 'alert_ids: at most 100 ids per call; split the list into batches of 100',
    });
    expect(inputIssue(updateAlertStatus, { alert_ids: [], status: 'OPEN' })?.path).toBe('alert_ids');
    expect(inputIssue(updateAlertStatus, { alert_ids: ['a1'], status: 'DONE' })?.path).toBe('status');
  });
});
