import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METRICS_ALERTS_PER_RULE } from '../queries.js';
import { inputIssue } from '../testdata/helpers.js';
import getRuleAlertMetrics from './get-rule-alert-metrics.js';

const metrics = {
  metrics: {
    totalAlerts: 99,
    alertsPerRule: [
      { entityId: 'Okta.Login', label: 'Okta login', value: 2 },
      { entityId: 'AWS.Root', label: 'Root activity', value: 7 },
      { entityId: 'GitHub.Push', label: 'Force push', value: 5 },
    ],
  },
};

describe('get_rule_alert_metrics', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-10T12:34:56Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('lists rules busiest first, with total_alerts the sum of their alerts (not the number of rules)', async () => {
    const fake = createFakeClient(() => metrics);
    const result = await runTool(getRuleAlertMetrics, {}, fake);
    expect(fake.graphqlCalls()[0]?.document).toBe(METRICS_ALERTS_PER_RULE);
    expect(fake.graphqlCalls()[0]?.variables).toEqual({
      input: {
        fromDate: '2024-05-03T12:00:00.000Z',
        toDate: '2024-05-10T12:59:59.000Z',
        intervalInMinutes: 15,
      },
    });
    expect(result).toEqual({
      alerts_per_rule: [
        { rule_id: 'AWS.Root', label: 'Root activity', value: 7 },
        { rule_id: 'GitHub.Push', label: 'Force push', value: 5 },
        { rule_id: 'Okta.Login', label: 'Okta login', value: 2 },
      ],
      total_alerts: 14,
      start_date: '2024-05-03T12:00:00.000Z',
      end_date: '2024-05-10T12:59:59.000Z',
      interval_in_minutes: 15,
    });
  });

  it('keeps only the given rule_ids', async () => {
    const fake = createFakeClient(() => metrics);
    const result = await runTool(getRuleAlertMetrics, { rule_ids: ['Okta.Login', 'Missing.Rule'] }, fake);
    expect(result).toMatchObject({
      alerts_per_rule: [{ rule_id: 'Okta.Login', label: 'Okta login', value: 2 }],
      total_alerts: 2,
      rule_ids: ['Okta.Login', 'Missing.Rule'],
    });
  });

  it('refuses rule ids with @, # or spaces', () => {
    expect(inputIssue(getRuleAlertMetrics, { rule_ids: ['a b'] })).toEqual({
      path: 'rule_ids.0',
      message: 'a rule id has no @, # or whitespace',
    });
    expect(inputIssue(getRuleAlertMetrics, { rule_ids: ['x@y'] })?.path).toBe('rule_ids.0');
  });
});
