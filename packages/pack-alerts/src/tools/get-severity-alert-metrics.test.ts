import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METRICS_ALERTS_PER_SEVERITY } from '../queries.js';
import { inputIssue } from '../testdata/helpers.js';
import getSeverityAlertMetrics from './get-severity-alert-metrics.js';

const metrics = {
  metrics: {
    totalAlerts: 17,
    alertsPerSeverity: [
      {
        label: 'Rule CRITICAL',
        value: 3,
        breakdown: { '2024-05-09T00:00:00Z': 3, '2024-05-10T00:00:00Z': 0 },
      },
      { label: 'Rule INFO', value: 10, breakdown: { '2024-05-09T00:00:00Z': 10 } },
      { label: 'Policy HIGH', value: 4, breakdown: {} },
    ],
  },
};

describe('get_severity_alert_metrics', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-10T12:34:56Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('queries the last 7 days by day and drops INFO and empty buckets by default', async () => {
    const fake = createFakeClient(() => metrics);
    const result = await runTool(getSeverityAlertMetrics, {}, fake);
    const [call] = fake.graphqlCalls();
    expect(call?.document).toBe(METRICS_ALERTS_PER_SEVERITY);
    expect(call?.variables).toEqual({
      input: {
        fromDate: '2024-05-03T12:00:00.000Z',
        toDate: '2024-05-10T12:59:59.000Z',
        intervalInMinutes: 1440,
      },
    });
    expect(call?.options).toMatchObject({ cacheKind: 'metrics' });
    expect(result).toEqual({
      alerts_per_severity: [
        { label: 'Rule CRITICAL', value: 3, breakdown: { '2024-05-09T00:00:00Z': 3 } },
        { label: 'Policy HIGH', value: 4, breakdown: {} },
      ],
      total_alerts: 7,
      start_date: '2024-05-03T12:00:00.000Z',
      end_date: '2024-05-10T12:59:59.000Z',
      interval_in_minutes: 1440,
    });
  });

  it('filters by alert type and severity and passes dates and interval', async () => {
    const fake = createFakeClient(() => metrics);
    const result = await runTool(
      getSeverityAlertMetrics,
      {
        start_date: '2024-05-01',
        end_date: '2024-05-02',
        alert_types: ['Rule'],
        severities: ['INFO'],
        interval_in_minutes: 60,
      },
      fake,
    );
    expect(fake.graphqlCalls()[0]?.variables).toEqual({
      input: {
        fromDate: '2024-05-01T00:00:00.000Z',
        toDate: '2024-05-02T00:00:00.000Z',
        intervalInMinutes: 60,
      },
    });
    expect(result['alerts_per_severity']).toEqual([
      { label: 'Rule INFO', value: 10, breakdown: { '2024-05-09T00:00:00Z': 10 } },
    ]);
    expect(result['total_alerts']).toBe(10);
  });

  it('only accepts the listed intervals, types and severities', () => {
    expect(inputIssue(getSeverityAlertMetrics, { interval_in_minutes: 45 })?.path).toBe(
      'interval_in_minutes',
    );
    expect(inputIssue(getSeverityAlertMetrics, { alert_types: ['Scheduled'] })?.path).toBe('alert_types.0');
    expect(inputIssue(getSeverityAlertMetrics, { severities: ['URGENT'] })?.path).toBe('severities.0');
  });
});
