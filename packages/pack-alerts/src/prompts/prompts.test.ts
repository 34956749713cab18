import { createFakeClient } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import alertsPack from '../index.js';
import { promptContext } from '../testdata/helpers.js';
import {
  completeAlertId,
  completeEndDate,
  completeMonth,
  completeSeverities,
  completeStartDate,
  completeYear,
  monthWindow,
} from './complete.js';
import getDetectionRuleErrors from './get-detection-rule-errors.js';
import getMonthlyDetectionQualityReport from './get-monthly-detection-quality-report.js';
import getMonthlyLogSourcesReport from './get-monthly-log-sources-report.js';
import investigateActorActivity from './investigate-actor-activity.js';
import prioritizeOpenAlerts from './prioritize-open-alerts.js';
import triageAlert from './triage-alert.js';

const NOW = Date.parse('2024-05-10T12:34:56Z');

describe('alert prompts', () => {
  it('each names in tools exactly the tools its text tells the model to call', () => {
    const ownTools = alertsPack.tools.map((tool) => tool.name);
    const sample = { start_date: 'S', end_date: 'E', month: '5', year: '2024', actor: 'A', alert_id: 'X' };
    for (const prompt of alertsPack.prompts ?? []) {
      const rendered = prompt.render(sample);
      const text = typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
      const named = (name: string) => new RegExp(`\\b${name}\\b`).test(text);
      expect(
        prompt.tools?.filter((name) => !named(name)),
        prompt.name,
      ).toEqual([]);
      // The pack's own tools in the text are declared (the others' are checked by the line above).
      expect(
        ownTools.filter((name) => named(name) && !prompt.tools?.includes(name)),
        prompt.name,
      ).toEqual([]);
    }
  });

  it('get-detection-rule-errors puts the window into a DETECTION_ERROR search', () => {
    const text = getDetectionRuleErrors.render({
      start_date: '2024-05-01T00:00:00Z',
      end_date: '2024-05-02T00:00:00Z',
    });
    expect(text).toContain('from 2024-05-01T00:00:00Z to 2024-05-02T00:00:00Z');
    expect(text).toContain('alert_type DETECTION_ERROR');
  });

  it('prioritize-open-alerts lists OPEN alerts and adds the optional severities', () => {
    const plain = prioritizeOpenAlerts.render({ start_date: 'S', end_date: 'E' });
    expect(plain).toContain('statuses [OPEN] and those dates');
    const filtered = prioritizeOpenAlerts.render({
      start_date: 'S',
      end_date: 'E',
      severities: 'critical, HIGH',
    });
    expect(filtered).toContain('statuses [OPEN] and severities [CRITICAL, HIGH]');
  });

  it('investigate-actor-activity names the actor and the report sections', () => {
    const text = investigateActorActivity.render({ actor: 'alice@example.com' });
    expect(text).toContain('alice@example.com');
    for (const section of [
      'Executive Summary',
      'Timeline',
      'Notable Findings',
      'Confidence Assessment',
      'Recommendations',
    ]) {
      expect(text).toContain(section);
    }
  });

  it('the monthly reports turn month and year into exact dates', () => {
    expect(getMonthlyDetectionQualityReport.render({ month: 'February', year: '2024' })).toContain(
      'February 2024 (start_date 2024-02-01T00:00:00Z, end_date 2024-03-01T00:00:00Z)',
    );
    expect(getMonthlyLogSourcesReport.render({ month: '12', year: '2023' })).toContain(
      '12 2023 (2023-12-01T00:00:00Z to 2024-01-01T00:00:00Z)',
    );
    expect(getMonthlyLogSourcesReport.render({ month: 'sometime', year: 'soon' })).toContain(
      'sometime soon.',
    );
  });

  it('triage-alert names the alert and the tools to read it', () => {
    const text = triageAlert.render({ alert_id: 'abc123' });
    expect(text).toContain('Triage alert abc123');
    expect(text).toContain('get_alert_events');
  });
});

describe('prompt argument completion', () => {
  it('completes dates, months, years and severities by prefix', () => {
    expect(completeStartDate('', NOW)).toEqual([
      '2024-05-09T00:00:00Z',
      '2024-05-03T00:00:00Z',
      '2024-04-10T00:00:00Z',
    ]);
    expect(completeStartDate('2024-04', NOW)).toEqual(['2024-04-10T00:00:00Z']);
    expect(completeEndDate('', NOW)).toEqual(['2024-05-10T12:59:59Z', '2024-05-10T00:00:00Z']);
    expect(completeMonth('ju')).toEqual(['June', 'July']);
    expect(completeMonth('1')).toEqual(['1', '10', '11', '12']);
    expect(completeYear('', NOW)).toEqual(['2024', '2023', '2022']);
    expect(completeYear('2023', NOW)).toEqual(['2023']);
    expect(completeSeverities('c')).toEqual(['CRITICAL']);
    expect(completeSeverities('CRITICAL,h')).toEqual(['CRITICAL,HIGH']);
    expect(completeSeverities('CRITICAL,HIGH,').length).toBe(3);
  });

  it('completes alert ids from recent alerts through the client', async () => {
    const fake = createFakeClient(() => ({ results: [{ id: 'abc1' }, { id: 'abd2' }, { id: 'xyz' }] }));
    await expect(completeAlertId('ab', promptContext(fake.client))).resolves.toEqual(['abc1', 'abd2']);
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/alerts',
      query: { type: 'ALERT', 'sort-dir': 'desc' },
    });
    expect(triageAlert.complete?.['alert_id']).toBe(completeAlertId);
  });

  it('reads months as names, abbreviations or numbers', () => {
    expect(monthWindow('sep', '2024')).toEqual({
      start: '2024-09-01T00:00:00Z',
      end: '2024-10-01T00:00:00Z',
    });
    expect(monthWindow('13', '2024')).toBeUndefined();
    expect(monthWindow('May', '24')).toBeUndefined();
  });
});
