import { assertPackConventions, toolListEntry } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import alertsPackDefault, { alertsPack } from './index.js';

/** The tools/list entries exactly as the host serves them. */
const listEntries = () => alertsPack.tools.map(toolListEntry);

describe('alertsPack', () => {
  it('exports the pack as named and default export, with the 12 alert tools', () => {
    expect(alertsPackDefault).toBe(alertsPack);
    expect(alertsPack.tools.map((t) => t.name).sort()).toEqual([
      'add_alert_comment',
      'bulk_update_alerts',
      'get_ai_alert_triage_summary',
      'get_alert',
      'get_alert_events',
      'get_rule_alert_metrics',
      'get_severity_alert_metrics',
      'list_alert_comments',
      'list_alerts',
      'start_ai_alert_triage',
      'update_alert_assignee',
      'update_alert_status',
    ]);
  });

  it('follows the pack conventions, with one tool per file named after it', () => {
    expect(() =>
      assertPackConventions(alertsPack, { toolsDir: new URL('./tools/', import.meta.url) }),
    ).not.toThrow();
  });

  it('marks exactly the five writes as writes, start_ai_alert_triage not destructive', () => {
    const writes = alertsPack.tools.filter((t) => t.access === 'write').map((t) => t.name);
    expect(writes.sort()).toEqual([
      'add_alert_comment',
      'bulk_update_alerts',
      'start_ai_alert_triage',
      'update_alert_assignee',
      'update_alert_status',
    ]);
    const triage = alertsPack.tools.find((t) => t.name === 'start_ai_alert_triage');
    expect(triage?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
  });

  it('keeps every description short and the whole tools/list near 8,000 characters', () => {
    const entries = listEntries();
    for (const entry of entries) {
      expect(entry.description.length, entry.name).toBeGreaterThanOrEqual(40);
      expect(entry.description.length, entry.name).toBeLessThanOrEqual(350);
    }
    const size = JSON.stringify(entries).length;
    console.log(`alerts pack tools/list: ${size} chars`);
    // 8,300 before list_alerts took fields and declared its table output, and get_alert_events took fields; the
    // data lake pack gave back more than that, and all four packs stay within 23,000 (cli/src/packs/allPacks.test.ts).
    // 8,600 before each write tool's description said Panther's data is no reason to call it.
    expect(size).toBeLessThan(8800);
  });

  it('advertises enums and integer bounds in the JSON Schema', () => {
    const schema = (name: string) =>
      JSON.stringify(listEntries().find((e) => e.name === name)?.inputSchema ?? {});
    expect(schema('list_alerts')).toContain('"enum":["CRITICAL","HIGH","MEDIUM","LOW","INFO"]');
    expect(schema('list_alerts')).toContain('"enum":["ALERT","DETECTION_ERROR","SYSTEM_ERROR"]');
    expect(schema('list_alerts')).toContain('"type":"integer","minimum":1,"maximum":50');
    expect(schema('get_severity_alert_metrics')).toContain('"enum":[15,30,60,180,360,720,1440]');
    expect(schema('bulk_update_alerts')).toContain('"maxItems":25');
    expect(schema('update_alert_status')).toContain('"maxItems":100');
    expect(schema('add_alert_comment')).toContain('"enum":["PLAIN_TEXT","HTML"]');
  });

  it('offers the reference prompts with their argument names', () => {
    const prompts = Object.fromEntries((alertsPack.prompts ?? []).map((p) => [p.name, Object.keys(p.args)]));
    expect(prompts).toMatchObject({
      'get-detection-rule-errors': ['start_date', 'end_date'],
      'prioritize-open-alerts': expect.arrayContaining(['start_date', 'end_date']),
      'investigate-actor-activity': ['actor'],
      'get-monthly-detection-quality-report': ['month', 'year'],
      'get-monthly-log-sources-report': ['month', 'year'],
    });
  });
});
