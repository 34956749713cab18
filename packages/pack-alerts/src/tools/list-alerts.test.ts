import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inputIssue } from '../testdata/helpers.js';
import listAlerts from './list-alerts.js';

const alert = {
  id: 'a1',
  title: 'Root login',
  severity: 'HIGH',
  status: 'OPEN',
  type: 'RULE',
  createdAt: '2024-05-09T10:00:00Z',
  lastReceivedEventAt: '2024-05-09T10:05:00Z',
  eventCount: 3,
  detection: { id: 'AWS.Root.Login', type: 'RULE' },
  assignee: { id: 'user-1', type: 'user' },
  deliveries: [{ outputId: 'slack', success: true }],
  runbook: 'Call the on-call engineer',
  context: { big: 'x' },
  updatedBy: null,
};

describe('list_alerts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-10T12:34:56Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('sends the default 7-day window, newest first, with event-count-min=1', async () => {
    const fake = createFakeClient(() => ({ results: [alert], next: null }));
    await runTool(listAlerts, {}, fake);
    expect(fake.restCalls()).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/alerts',
        cacheKind: 'alerts',
        query: expect.objectContaining({
          type: 'ALERT',
          limit: 25,
          'sort-dir': 'desc',
          'created-after': '2024-05-03T12:00:00.000Z',
          'created-before': '2024-05-10T12:59:59.000Z',
          'event-count-min': 1,
        }),
      }),
    ]);
  });

  it('returns a table of ids, titles, severities, statuses, times, counts and detections', async () => {
    const fake = createFakeClient(() => ({ results: [alert], next: null }));
    const result = await runTool(listAlerts, {}, fake);
    expect(result).toEqual({
      alerts: {
        columns: ['id', 'title', 'severity', 'status', 'createdAt', 'eventCount', 'detectionId'],
        rows: [['a1', 'Root login', 'HIGH', 'OPEN', '2024-05-09T10:00:00Z', 3, 'AWS.Root.Login']],
      },
      next_cursor: null,
    });
  });

  it('gives the columns asked for in fields, related objects by id, and refuses unknown ones', async () => {
    const fake = createFakeClient(() => ({ results: [alert], next: null }));
    const result = await runTool(listAlerts, { fields: ['assignee', 'runbook', 'updatedBy'] }, fake);
    expect(result['alerts']).toEqual({
      columns: ['id', 'assignee', 'runbook', 'updatedBy'],
      rows: [['a1', 'user-1', 'Call the on-call engineer', null]],
    });
    expect(inputIssue(listAlerts, { fields: ['context'] })?.message).toMatch(
      /^must name fields from id, title, .* \(unknown: "context"\)$/,
    );
  });

  it('shows the error type of system errors by default', async () => {
    const error = {
      id: 's1',
      title: 'Source down',
      severity: 'HIGH',
      status: 'OPEN',
      systemError: { type: 'SOURCE_HEALTH' },
    };
    const fake = createFakeClient(() => ({ results: [error], next: null }));
    const result = await runTool(listAlerts, { alert_type: 'SYSTEM_ERROR' }, fake);
    expect(result['alerts']).toEqual({
      columns: ['id', 'title', 'severity', 'status', 'createdAt', 'systemErrorType'],
      rows: [['s1', 'Source down', 'HIGH', 'OPEN', null, 'SOURCE_HEALTH']],
    });
  });

  it('maps every filter to its REST query key', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    await runTool(
      listAlerts,
      {
        start_date: '2024-05-01',
        end_date: '2024-05-02T06:00:00+02:00',
        severities: ['CRITICAL', 'HIGH'],
        statuses: ['OPEN', 'TRIAGED'],
        cursor: 'c-1',
        event_count_max: 100,
        event_count_min: 2,
        log_sources: ['src-1'],
        log_types: ['AWS.CloudTrail'],
        name_contains: 'root',
        page_size: 50,
        resource_types: ['AWS.S3.Bucket'],
        subtypes: ['RULE', 'POLICY'],
        alert_type: 'ALERT',
      },
      fake,
    );
    expect(fake.restCalls()[0]?.query).toEqual({
      type: 'ALERT',
      limit: 50,
      'sort-dir': 'desc',
      'created-after': '2024-05-01T00:00:00.000Z',
      'created-before': '2024-05-02T04:00:00.000Z',
      'event-count-min': 2,
      'event-count-max': 100,
      cursor: 'c-1',
      'detection-id': undefined,
      'name-contains': 'root',
      severity: ['CRITICAL', 'HIGH'],
      status: ['OPEN', 'TRIAGED'],
      'sub-type': ['RULE', 'POLICY'],
      'log-source': ['src-1'],
      'log-type': ['AWS.CloudTrail'],
      'resource-type': ['AWS.S3.Bucket'],
    });
  });

  it('leaves the window to Panther when only detection_id is given', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    const result = await runTool(listAlerts, { detection_id: 'AWS.Root.Login' }, fake);
    const query = fake.restCalls()[0]?.query;
    expect(query?.['detection-id']).toBe('AWS.Root.Login');
    expect(query?.['created-after']).toBeUndefined();
    expect(query?.['created-before']).toBeUndefined();
    expect(result).toEqual({
      alerts: {
        columns: ['id', 'title', 'severity', 'status', 'createdAt', 'eventCount', 'detectionId'],
        rows: [],
      },
      next_cursor: null,
    });
  });

  it('fills a missing start as 7 days before the given end', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    await runTool(listAlerts, { end_date: '2024-04-20T00:00:00Z' }, fake);
    expect(fake.restCalls()[0]?.query).toMatchObject({
      'created-after': '2024-04-13T00:00:00.000Z',
      'created-before': '2024-04-20T00:00:00.000Z',
    });
  });

  it('returns next_cursor and a note saying how to get the next page', async () => {
    const fake = createFakeClient(() => ({ results: [alert], next: 'cursor-2' }));
    const result = await runTool(listAlerts, {}, fake);
    expect(result['next_cursor']).toBe('cursor-2');
    expect(result['note']).toMatch(/cursor/);
  });

  it('says which window it searched when nothing matched', async () => {
    const fake = createFakeClient(() => ({ results: [], next: null }));
    const result = await runTool(listAlerts, {}, fake);
    expect(result['note']).toBe(
      'No alerts from 2024-05-03T12:00:00.000Z to 2024-05-10T12:59:59.000Z; widen the dates or filters.',
    );
  });

  it('sends no event-count-min for SYSTEM_ERROR unless asked', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    await runTool(listAlerts, { alert_type: 'SYSTEM_ERROR' }, fake);
    expect(fake.restCalls()[0]?.query?.['event-count-min']).toBeUndefined();
  });

  it('refuses subtypes that do not fit alert_type, naming the valid ones', async () => {
    const fake = createFakeClient();
    await expect(runTool(listAlerts, { subtypes: ['RULE_ERROR'] }, fake)).rejects.toThrow(
      'Invalid argument "subtypes": RULE_ERROR not valid with alert_type ALERT; use POLICY, RULE, SCHEDULED_RULE',
    );
    await expect(
      runTool(listAlerts, { alert_type: 'SYSTEM_ERROR', subtypes: ['RULE'] }, fake),
    ).rejects.toThrow('alert_type SYSTEM_ERROR takes no subtypes');
    await expect(
      runTool(listAlerts, { alert_type: 'DETECTION_ERROR', subtypes: ['RULE_ERROR'] }, fake),
    ).resolves.toBeDefined();
    expect(fake.restCalls()).toHaveLength(1);
  });

  it('refuses an empty window and an inverted event-count range', async () => {
    const fake = createFakeClient();
    await expect(
      runTool(listAlerts, { start_date: '2024-05-02', end_date: '2024-05-01' }, fake),
    ).rejects.toThrow(/start_date.*must be before end_date/);
    await expect(runTool(listAlerts, { event_count_min: 5, event_count_max: 2 }, fake)).rejects.toThrow(
      /event_count_min/,
    );
    expect(fake.restCalls()).toHaveLength(0);
  });

  it('rejects unknown enum values, bad dates and out-of-range page sizes in the schema', () => {
    expect(inputIssue(listAlerts, { severities: ['SEVERE'] })?.path).toBe('severities.0');
    expect(inputIssue(listAlerts, { statuses: ['DONE'] })?.path).toBe('statuses.0');
    expect(inputIssue(listAlerts, { alert_type: 'RULE' })?.path).toBe('alert_type');
    expect(inputIssue(listAlerts, { page_size: 51 })?.path).toBe('page_size');
    expect(inputIssue(listAlerts, { page_size: 2.5 })?.path).toBe('page_size');
    expect(inputIssue(listAlerts, { start_date: 'last tuesday' })).toEqual({
      path: 'start_date',
      message: 'expected an ISO-8601 date-time such as 2024-05-01T00:00:00Z',
    });
  });
});
