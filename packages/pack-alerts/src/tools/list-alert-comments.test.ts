import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { inputIssue, notFound } from '../testdata/helpers.js';
import listAlertComments from './list-alert-comments.js';

const comment = {
  id: 'c1',
  alertId: 'a1',
  body: 'Looks benign',
  format: 'PLAIN_TEXT',
  createdAt: '2024-05-09T10:00:00Z',
  createdBy: { id: 'user-1', type: 'user' },
  updatedAt: null,
  updatedBy: null,
};

describe('list_alert_comments', () => {
  it('sends alert-id and limit 25 by default and returns compact comments', async () => {
    const fake = createFakeClient(() => ({ results: [comment], next: null }));
    const result = await runTool(listAlertComments, { alert_id: 'a1' }, fake);
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/alert-comments',
      query: { 'alert-id': 'a1', limit: 25 },
    });
    expect(result).toEqual({
      comments: [
        {
          id: 'c1',
          body: 'Looks benign',
          format: 'PLAIN_TEXT',
          createdAt: '2024-05-09T10:00:00Z',
          createdBy: 'user-1',
        },
      ],
      next_cursor: null,
    });
  });

  it('pages with cursor and says how to get the next page', async () => {
    const fake = createFakeClient(() => ({ results: [comment], next: 'n2' }));
    const result = await runTool(listAlertComments, { alert_id: 'a1', limit: 1, cursor: 'n1' }, fake);
    expect(fake.restCalls()[0]?.query).toEqual({ 'alert-id': 'a1', limit: 1, cursor: 'n1' });
    expect(result).toMatchObject({ next_cursor: 'n2', note: expect.stringContaining('list_alert_comments') });
  });

  it('names the alert when Panther does not know it', async () => {
    const fake = createFakeClient(() => {
      throw notFound();
    });
    await expect(runTool(listAlertComments, { alert_id: 'nope' }, fake)).rejects.toThrow(
      'No alert found with ID: nope',
    );
  });

  it('bounds limit to 1..50', () => {
    expect(inputIssue(listAlertComments, { alert_id: 'a1', limit: 0 })?.path).toBe('limit');
    expect(inputIssue(listAlertComments, { alert_id: 'a1', limit: 51 })?.path).toBe('limit');
  });
});
