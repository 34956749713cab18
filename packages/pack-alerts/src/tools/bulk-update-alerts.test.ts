import { PantherApiError } from '@mcp-panther/core';
import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { inputIssue, notFound } from '../testdata/helpers.js';
import bulkUpdateAlerts from './bulk-update-alerts.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);

describe('bulk_update_alerts', () => {
  it('sends status and assignee in one PATCH, then one PLAIN_TEXT comment per alert', async () => {
    const fake = createFakeClient((call) =>
      call.kind === 'rest' && call.request.method === 'POST' ? { id: 'c' } : undefined,
    );
    const progress = vi.fn(async () => {});
    const result = await runTool(
      bulkUpdateAlerts,
      { alert_ids: ['a1', 'a2'], status: 'TRIAGED', assignee_id: 'user-1', comment: 'on it' },
      { client: fake.client, onProgress: progress },
    );
    const [patch, ...posts] = fake.restCalls();
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: '/alerts',
      body: { ids: ['a1', 'a2'], status: 'TRIAGED', assignee: 'user-1' },
    });
    expect(posts.map((p) => p.body)).toEqual([
      { alertId: 'a1', body: 'on it', format: 'PLAIN_TEXT' },
      { alertId: 'a2', body: 'on it', format: 'PLAIN_TEXT' },
    ]);
    expect(result).toEqual({
      updated: ['a1', 'a2'],
      status: 'TRIAGED',
      assignee_id: 'user-1',
      comments_added: ['a1', 'a2'],
    });
    expect(progress).toHaveBeenLastCalledWith(2, 2, 'comments added');
  });

  it('only comments when only a comment is given', async () => {
    const fake = createFakeClient(() => ({ id: 'c' }));
    const result = await runTool(bulkUpdateAlerts, { alert_ids: ['a1'], comment: 'x' }, fake);
    expect(fake.restCalls().map((r) => r.method)).toEqual(['POST']);
    expect(result).toEqual({ comments_added: ['a1'] });
  });

  it('lists failed operations, grouped by error, and keeps what worked', async () => {
    const fake = createFakeClient((call) => {
      if (call.kind !== 'rest') return undefined;
      if (call.request.method === 'PATCH') return undefined;
      const alertId = (call.request.body as { alertId: string }).alertId;
      if (alertId !== 'a0') throw notFound('alert not found');
      return { id: 'c' };
    });
    const result = await runTool(
      bulkUpdateAlerts,
      { alert_ids: ids(3), status: 'CLOSED', comment: 'done' },
      fake,
    );
    expect(result).toEqual({
      updated: ['a0', 'a1', 'a2'],
      status: 'CLOSED',
      comments_added: ['a0'],
      failed_operations: [{ operation: 'add_comment', alert_ids: ['a1', 'a2'], error: 'alert not found' }],
    });
  });

  it('fails with Panther’s error when nothing could be changed', async () => {
    const fake = createFakeClient(() => {
      throw notFound('no such alerts');
    });
    await expect(runTool(bulkUpdateAlerts, { alert_ids: ['x'], status: 'OPEN' }, fake)).rejects.toThrow(
      'no such alerts',
    );
    const failure = runTool(bulkUpdateAlerts, { alert_ids: ['x', 'y'], status: 'OPEN', comment: 'c' }, fake);
    await expect(failure).rejects.toBeInstanceOf(PantherApiError);
    await expect(failure).rejects.toThrow(
      'Every operation failed: update x, y: no such alerts; add_comment x, y: no such alerts',
    );
  });

  it('accepts 25 alert ids and refuses 26 with a message naming alert_ids', () => {
    expect(inputIssue(bulkUpdateAlerts, { alert_ids: ids(25), status: 'OPEN' })).toBeUndefined();
    expect(inputIssue(bulkUpdateAlerts, { alert_ids: ids(26), status: 'OPEN' })).toEqual({
      path: 'alert_ids',
      message: 'alert_ids: at most 25 ids per call; split the list into batches of 25',
    });
  });

  it('asks for at least one change', async () => {
    const fake = createFakeClient();
    await expect(runTool(bulkUpdateAlerts, { alert_ids: ['a1'] }, fake)).rejects.toThrow(
      'Give at least one of status, assignee_id or comment.',
    );
    expect(fake.calls).toHaveLength(0);
  });
});
