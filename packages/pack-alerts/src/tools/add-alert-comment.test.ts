import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { inputIssue, notFound } from '../testdata/helpers.js';
import addAlertComment from './add-alert-comment.js';

const created = {
  id: 'c9',
  alertId: 'a1',
  body: 'checked',
  format: 'PLAIN_TEXT',
  createdAt: '2024-05-10T00:00:00Z',
  createdBy: { id: 'token-1', type: 'api-token' },
};

describe('add_alert_comment', () => {
  it('posts a PLAIN_TEXT comment by default and invalidates comments and alerts', async () => {
    const fake = createFakeClient(() => created);
    const result = await runTool(addAlertComment, { alert_id: 'a1', comment: 'checked' }, fake);
    expect(fake.restCalls()).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/alert-comments',
        body: { alertId: 'a1', body: 'checked', format: 'PLAIN_TEXT' },
        tags: ['alert-comments', 'alerts'],
      }),
    ]);
    expect(result).toEqual({
      comment: {
        id: 'c9',
        body: 'checked',
        format: 'PLAIN_TEXT',
        createdAt: '2024-05-10T00:00:00Z',
        createdBy: 'token-1',
      },
    });
  });

  it('sends HTML when asked and refuses other formats', async () => {
    const fake = createFakeClient(() => ({ ...created, format: 'HTML' }));
    await runTool(addAlertComment, { alert_id: 'a1', comment: '<b>x</b>', format: 'HTML' }, fake);
    expect(fake.restCalls()[0]?.body).toEqual({ alertId: 'a1', body: '<b>x</b>', format: 'HTML' });
    expect(inputIssue(addAlertComment, { alert_id: 'a1', comment: 'x', format: 'MARKDOWN' })?.path).toBe(
      'format',
    );
    expect(inputIssue(addAlertComment, { alert_id: 'a1', comment: '' })?.path).toBe('comment');
  });

  it('names the alert when it does not exist', async () => {
    const fake = createFakeClient(() => {
      throw notFound();
    });
    await expect(runTool(addAlertComment, { alert_id: 'gone', comment: 'x' }, fake)).rejects.toThrow(
      'No alert found with ID: gone',
    );
  });
});
