import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { inputIssue, notFound } from '../testdata/helpers.js';
import getAlertEvents from './get-alert-events.js';

describe('get_alert_events', () => {
  it('asks for 10 events by default and returns them without null fields', async () => {
    const events = [{ p_log_type: 'AWS.CloudTrail', eventName: 'ConsoleLogin', errorCode: null, tags: [] }];
    const fake = createFakeClient(() => ({ results: events, next: null }));
    const result = await runTool(getAlertEvents, { alert_id: 'a1' }, fake);
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/alerts/a1/events',
      query: { limit: 10 },
    });
    expect(result).toEqual({
      events: [{ p_log_type: 'AWS.CloudTrail', eventName: 'ConsoleLogin', tags: [] }],
    });
  });

  it('keeps only the event keys asked for in fields', async () => {
    const events = [{ p_row_id: 'r1', eventName: 'ConsoleLogin', userAgent: 'x' }, { p_row_id: 'r2' }];
    const fake = createFakeClient(() => ({ results: events, next: null }));
    const result = await runTool(getAlertEvents, { alert_id: 'a1', fields: ['eventName', 'p_row_id'] }, fake);
    expect(result['events']).toEqual([{ eventName: 'ConsoleLogin', p_row_id: 'r1' }, { p_row_id: 'r2' }]);
  });

  it('serves up to 50 per page and pages with cursor', async () => {
    const fake = createFakeClient(() => ({ results: [{}], next: 'e2' }));
    const result = await runTool(getAlertEvents, { alert_id: 'a1', limit: 50, cursor: 'e1' }, fake);
    expect(fake.restCalls()[0]?.query).toEqual({ limit: 50, cursor: 'e1' });
    expect(result).toMatchObject({ next_cursor: 'e2', note: expect.stringContaining('get_alert_events') });
    expect(inputIssue(getAlertEvents, { alert_id: 'a1', limit: 51 })?.path).toBe('limit');
  });

  it('names the alert when it does not exist', async () => {
    const fake = createFakeClient(() => {
      throw notFound();
    });
    await expect(runTool(getAlertEvents, { alert_id: 'x' }, fake)).rejects.toThrow(
      'No alert found with ID: x',
    );
  });
});
