/**
 * The alerts pack through the real host pipeline (SDK client over an in-memory transport) against the sandbox.
 * Ids are discovered through the API, never hard-coded.
 */
import { createTestHost, recordsOf, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsPack } from '../index.js';

interface Alert {
  id: string;
  title?: string;
  severity?: string;
  status?: string;
  type?: string;
  createdAt?: string;
  eventCount?: number;
  detectionId?: string;
  assignee?: string;
  [key: string]: unknown;
}
// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field in assertions.
type Result = Record<string, any>;

const READS = [
  'get_ai_alert_triage_summary',
  'get_alert',
  'get_alert_events',
  'get_rule_alert_metrics',
  'get_severity_alert_metrics',
  'list_alert_comments',
  'list_alerts',
];
const WRITES = [
  'add_alert_comment',
  'bulk_update_alerts',
  'start_ai_alert_triage',
  'update_alert_assignee',
  'update_alert_status',
];

let sandbox: Sandbox;
let rw: TestHost;

const hostFor = (token: string, mode: 'read-only' | 'read-write' = 'read-write') =>
  createTestHost({ packs: [alertsPack], panther: { url: sandbox.url, token }, policy: { mode } });

const textOf = (result: { content?: unknown }) =>
  ((result.content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');

async function ok(name: string, args: Record<string, unknown> = {}, host: TestHost = rw): Promise<Result> {
  const result = await host.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  const out = { ...(result.structuredContent as Result) };
  // list_alerts answers a table: read back as records, so assertions read fields by name.
  if (out['alerts']?.columns) out['alerts'] = recordsOf(out['alerts']);
  return out;
}

async function fails(name: string, args: Record<string, unknown>, host: TestHost = rw): Promise<string> {
  const result = await host.call(name, args);
  expect(result.isError, `${name} should fail`).toBe(true);
  return textOf(result);
}

const alertsOf = async (args: Record<string, unknown> = {}): Promise<Alert[]> =>
  (await ok('list_alerts', args))['alerts'] as Alert[];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 4 });
  rw = await hostFor(sandbox.tokens.admin);
});

afterAll(async () => {
  await rw?.close();
  await sandbox?.close();
});

describe('alerts pack: registration and policy', () => {
  it('lists all 12 tools in read-write mode, within the tools/list budget', async () => {
    expect((await rw.tools()).sort()).toEqual([...READS, ...WRITES].sort());
    const { tools } = await rw.client.listTools();
    const size = JSON.stringify(tools).length;
    console.log(`alerts pack tools/list through the host: ${size} characters`);
    // 8,600 before each write tool's description said Panther's data is no reason to call it.
    expect(size).toBeLessThan(8800);
  });

  it('leaves out the five writes in read-only mode, and they cannot be called', async () => {
    const ro = await hostFor(sandbox.tokens.admin, 'read-only');
    try {
      expect((await ro.tools()).sort()).toEqual(READS);
      const [id] = (await alertsOf()).map((a) => a.id);
      const text = await fails('update_alert_status', { alert_ids: [id], status: 'CLOSED' }, ro);
      expect(text).toMatch(/update_alert_status/);
    } finally {
      await ro.close();
    }
  });

  it('hides every tool from tokens without alert, AI or metrics permissions', async () => {
    for (const token of [sandbox.tokens.noAccess, sandbox.tokens.detectionEngineer]) {
      const host = await hostFor(token);
      try {
        expect(await host.tools()).toEqual([]);
      } finally {
        await host.close();
      }
    }
  });

  it('shows each token the tools its permissions allow', async () => {
    const analyst = await hostFor(sandbox.tokens.analyst);
    const responder = await hostFor(sandbox.tokens.responder);
    try {
      // analyst: reads, AI and metrics, but no AlertModify.
      expect((await analyst.tools()).sort()).toEqual([...READS, 'start_ai_alert_triage'].sort());
      // responder: alerts and AI, but no SummaryRead.
      expect((await responder.tools()).sort()).toEqual(
        [...READS, ...WRITES].filter((name) => !name.includes('metrics')).sort(),
      );
    } finally {
      await analyst.close();
      await responder.close();
    }
  });
});

describe('alerts pack: list_alerts', () => {
  it('lists compact alerts of the last 7 days, newest first', async () => {
    const alerts = await alertsOf();
    expect(alerts.length).toBeGreaterThan(0);
    const weekAgo = Date.now() - 7 * 86_400_000 - 3_600_000;
    for (const alert of alerts) {
      expect(alert).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String) }));
      expect(Date.parse(alert.createdAt ?? '')).toBeGreaterThanOrEqual(weekAgo);
      expect(alert).not.toHaveProperty('deliveries');
      expect(alert).not.toHaveProperty('context');
    }
    const times = alerts.map((a) => Date.parse(a.createdAt ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by severity, status, detection, title and event counts', async () => {
    const high = await alertsOf({ severities: ['HIGH', 'CRITICAL'], page_size: 50 });
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((a) => a.severity === 'HIGH' || a.severity === 'CRITICAL')).toBe(true);

    const triaged = await alertsOf({ statuses: ['TRIAGED'], page_size: 50 });
    expect(triaged.length).toBeGreaterThan(0);
    expect(triaged.every((a) => a.status === 'TRIAGED')).toBe(true);

    const sample = (await alertsOf({ page_size: 50 })).find((a) => a.detectionId) as Alert;
    const byDetection = await alertsOf({ detection_id: sample.detectionId });
    expect(byDetection.map((a) => a.id)).toContain(sample.id);
    expect(byDetection.every((a) => a.detectionId === sample.detectionId)).toBe(true);

    const word = (sample.title ?? '').split(' ')[0] as string;
    const named = await alertsOf({ name_contains: word, page_size: 50 });
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((a) => a.title?.toLowerCase().includes(word.toLowerCase()))).toBe(true);

    const busy = await alertsOf({ event_count_min: 5, page_size: 50 });
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((a) => (a.eventCount ?? 0) >= 5)).toBe(true);
    const quiet = await alertsOf({ event_count_max: 1, page_size: 50 });
    expect(quiet.every((a) => (a.eventCount ?? 0) <= 1)).toBe(true);
  });

  it('filters by log type, log source and subtype, and lists detection and system errors', async () => {
    const sample = (await alertsOf({ page_size: 50 }))[0] as Alert;
    const full = (await ok('get_alert', { alert_id: sample.id }))['alert'] as Result;
    const [logType] = full['logTypes'] as string[];
    const [logSource] = full['logSources'] as string[];
    const byType = await alertsOf({ log_types: [logType], page_size: 50 });
    expect(byType.map((a) => a.id)).toContain(sample.id);
    const bySource = await alertsOf({ log_sources: [logSource], page_size: 50 });
    expect(bySource.map((a) => a.id)).toContain(sample.id);

    const scheduled = await alertsOf({ subtypes: ['SCHEDULED_RULE'], page_size: 50, fields: ['type'] });
    expect(scheduled.every((a) => a.type === 'SCHEDULED_RULE')).toBe(true);

    const errors = await alertsOf({ alert_type: 'DETECTION_ERROR', page_size: 50, fields: ['type'] });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((a) => a.type === 'RULE_ERROR' || a.type === 'SCHEDULED_RULE_ERROR')).toBe(true);

    // System errors have no events: the default event-count-min of 1 is not applied to them.
    const system = await alertsOf({ alert_type: 'SYSTEM_ERROR', fields: ['type', 'systemErrorType'] });
    expect(system.length).toBeGreaterThan(0);
    expect(system.every((a) => a.type === 'SYSTEM_ERROR' && typeof a['systemErrorType'] === 'string')).toBe(
      true,
    );
  });

  it('keeps to the given dates', async () => {
    const alerts = await alertsOf({ page_size: 50 });
    const newest = Date.parse(alerts[0]?.createdAt ?? '');
    const start = new Date(newest - 86_400_000).toISOString();
    const end = new Date(newest + 1000).toISOString();
    const day = await alertsOf({ start_date: start, end_date: end, page_size: 50 });
    expect(day.length).toBeGreaterThan(0);
    for (const alert of day) {
      const at = Date.parse(alert.createdAt ?? '');
      expect(at).toBeGreaterThanOrEqual(Date.parse(start));
      expect(at).toBeLessThanOrEqual(Date.parse(end));
    }
  });

  it('pages with next_cursor and says how', async () => {
    const first = await ok('list_alerts', { page_size: 5 });
    expect(first['alerts']).toHaveLength(5);
    expect(first['next_cursor']).toEqual(expect.any(String));
    expect(first['note']).toContain('cursor');
    const second = await ok('list_alerts', { page_size: 5, cursor: first['next_cursor'] });
    const ten = await alertsOf({ page_size: 10 });
    expect([...first['alerts'], ...second['alerts']].map((a: Alert) => a.id)).toEqual(ten.map((a) => a.id));
  });

  it('refuses bad input with a message naming the argument', async () => {
    expect(await fails('list_alerts', { severities: ['SEVERE'] })).toMatch(/severities/);
    expect(await fails('list_alerts', { page_size: 51 })).toMatch(/page_size/);
    expect(await fails('list_alerts', { start_date: 'last week' })).toMatch(/start_date.*ISO-8601/);
    expect(await fails('list_alerts', { subtypes: ['RULE_ERROR'] })).toContain(
      'RULE_ERROR not valid with alert_type ALERT; use POLICY, RULE, SCHEDULED_RULE',
    );
  });
});

describe('alerts pack: one alert', () => {
  it('get_alert returns the full record and names a missing alert', async () => {
    const [sample] = await alertsOf();
    const alert = (await ok('get_alert', { alert_id: sample?.id }))['alert'] as Result;
    expect(alert['id']).toBe(sample?.id);
    expect(alert).toHaveProperty('deliveries');
    expect(alert).toHaveProperty('runbook');
    expect(await fails('get_alert', { alert_id: 'no-such-alert' })).toContain(
      'No alert found with ID: no-such-alert',
    );
  });

  it('get_alert_events returns events and pages through them', async () => {
    const [busy] = await alertsOf({ event_count_min: 5 });
    const first = await ok('get_alert_events', { alert_id: busy?.id, limit: 2 });
    expect(first['events']).toHaveLength(2);
    expect(first['next_cursor']).toEqual(expect.any(String));
    const second = await ok('get_alert_events', {
      alert_id: busy?.id,
      limit: 2,
      cursor: first['next_cursor'],
    });
    expect(second['events'].length).toBeGreaterThan(0);
    expect(JSON.stringify(second['events'])).not.toEqual(JSON.stringify(first['events']));
    // 50 raw events may exceed the output budget: the host cuts the page and its next_cursor resumes it.
    const rowIds: string[] = [];
    let cursor: string | undefined;
    for (let call = 0; call < 20; call++) {
      const page = await ok('get_alert_events', {
        alert_id: busy?.id,
        limit: 50,
        ...(cursor ? { cursor } : {}),
      });
      rowIds.push(...page['events'].map((event: Result) => event['p_row_id']));
      cursor = page['next_cursor'];
      if (!cursor) break;
    }
    expect(rowIds).toHaveLength(busy?.eventCount ?? 0);
    expect(new Set(rowIds).size).toBe(rowIds.length);
    expect(await fails('get_alert_events', { alert_id: busy?.id, limit: 51 })).toMatch(/limit/);
    expect(await fails('get_alert_events', { alert_id: 'no-such-alert' })).toContain(
      'No alert found with ID',
    );
  });

  it('add_alert_comment adds plain-text and HTML comments that list_alert_comments returns', async () => {
    const [sample] = await alertsOf({ statuses: ['OPEN'] });
    const id = sample?.id as string;
    const plain = (await ok('add_alert_comment', { alert_id: id, comment: 'Checked the source IP' }))[
      'comment'
    ];
    expect(plain).toMatchObject({ body: 'Checked the source IP', format: 'PLAIN_TEXT' });
    const html = await ok('add_alert_comment', { alert_id: id, comment: '<b>benign</b>', format: 'HTML' });
    expect(html['comment']).toMatchObject({ format: 'HTML' });

    const comments = (await ok('list_alert_comments', { alert_id: id }))['comments'] as Result[];
    expect(comments.map((c) => c['id'])).toEqual(expect.arrayContaining([plain.id, html['comment'].id]));
    const paged = await ok('list_alert_comments', { alert_id: id, limit: 1 });
    expect(paged['comments']).toHaveLength(1);
    expect(paged['next_cursor']).toEqual(expect.any(String));
    expect(await fails('add_alert_comment', { alert_id: 'no-such-alert', comment: 'x' })).toContain(
      'No alert found with ID: no-such-alert',
    );
  });
});

describe('alerts pack: writes', () => {
  it('update_alert_status is visible in get_alert at once (cache invalidated)', async () => {
    const [open] = await alertsOf({ statuses: ['OPEN'] });
    const id = open?.id as string;
    expect(((await ok('get_alert', { alert_id: id }))['alert'] as Result)['status']).toBe('OPEN');
    expect(await ok('update_alert_status', { alert_ids: [id], status: 'RESOLVED' })).toEqual({
      updated: [id],
      status: 'RESOLVED',
    });
    expect(((await ok('get_alert', { alert_id: id }))['alert'] as Result)['status']).toBe('RESOLVED');
    const resolved = await alertsOf({ statuses: ['RESOLVED'], detection_id: open?.detectionId });
    expect(resolved.map((a) => a.id)).toContain(id);
    expect(
      await fails('update_alert_status', { alert_ids: [id, 'no-such-alert'], status: 'OPEN' }),
    ).toContain('One or more alerts not found');
  });

  it('update_alert_assignee assigns alerts to a user found through the API', async () => {
    const withAssignee = await alertsOf({ page_size: 50, fields: ['assignee'] });
    const assigned = withAssignee.find((a) => a.assignee) as Alert;
    const target = withAssignee.find((a) => !a.assignee) as Alert;
    const userId = assigned.assignee as string;
    await ok('update_alert_assignee', { alert_ids: [target.id], assignee_id: userId });
    const alert = (await ok('get_alert', { alert_id: target.id }))['alert'] as Result;
    expect(alert['assignee']).toMatchObject({ id: userId });
  });

  it('bulk_update_alerts updates and comments 25 alerts and refuses 26', async () => {
    const alerts = await alertsOf({
      page_size: 50,
      start_date: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    });
    expect(alerts.length).toBeGreaterThanOrEqual(26);
    const ids = alerts.slice(0, 25).map((a) => a.id);
    const result = await ok('bulk_update_alerts', {
      alert_ids: ids,
      status: 'TRIAGED',
      comment: 'Bulk triage',
    });
    expect(result).toEqual({ updated: ids, status: 'TRIAGED', comments_added: expect.arrayContaining(ids) });
    expect(result['comments_added']).toHaveLength(25);
    const last = (await ok('get_alert', { alert_id: ids[24] }))['alert'] as Result;
    expect(last['status']).toBe('TRIAGED');
    const comments = (await ok('list_alert_comments', { alert_id: ids[24] }))['comments'] as Result[];
    expect(comments.map((c) => c['body'])).toContain('Bulk triage');

    const refused = await fails('bulk_update_alerts', {
      alert_ids: alerts.slice(0, 26).map((a) => a.id),
      status: 'CLOSED',
    });
    expect(refused).toContain('alert_ids');
    expect(refused).toContain('at most 25');
    expect(await fails('bulk_update_alerts', { alert_ids: ids.slice(0, 1) })).toContain(
      'Give at least one of status, assignee_id or comment.',
    );
  });
});

describe('alerts pack: AI triage', () => {
  it('start_ai_alert_triage runs a triage that get_ai_alert_triage_summary then returns', async () => {
    const [sample] = await alertsOf({ severities: ['HIGH'] });
    const id = sample?.id as string;
    const run = await ok('start_ai_alert_triage', { alert_id: id, prompt: 'Focus on the source IP' });
    expect(run).toMatchObject({ finished: true, stream_id: expect.any(String) });
    expect(run['summary'].length).toBeGreaterThan(0);

    const latest = await ok('get_ai_alert_triage_summary', { alert_id: id });
    expect(latest).toMatchObject({ stream_id: run['stream_id'], finished: true, summary: run['summary'] });
  });

  it('names the alert when it has no triage or does not exist', async () => {
    expect(await fails('get_ai_alert_triage_summary', { alert_id: 'no-such-alert' })).toContain(
      'no-such-alert',
    );
    expect(await fails('start_ai_alert_triage', { alert_id: 'no-such-alert' })).toContain('no-such-alert');
    expect(await fails('start_ai_alert_triage', { alert_id: 'x', timeout_seconds: 30 })).toMatch(
      /timeout_seconds/,
    );
  });
});

describe('alerts pack: metrics', () => {
  it('get_severity_alert_metrics counts alerts per type and severity, INFO excluded by default', async () => {
    const result = await ok('get_severity_alert_metrics');
    const series = result['alerts_per_severity'] as {
      label: string;
      value: number;
      breakdown: Record<string, number>;
    }[];
    expect(series.length).toBeGreaterThan(0);
    expect(series.some((s) => s.label.includes('INFO'))).toBe(false);
    expect(result['total_alerts']).toBe(series.reduce((sum, s) => sum + s.value, 0));
    expect(result['total_alerts']).toBeGreaterThan(0);
    expect(result['interval_in_minutes']).toBe(1440);
    for (const s of series) {
      expect(Object.values(s.breakdown).every((n) => n > 0)).toBe(true);
      expect(Object.values(s.breakdown).reduce((a, b) => a + b, 0)).toBe(s.value);
    }

    const critical = await ok('get_severity_alert_metrics', {
      alert_types: ['Rule'],
      severities: ['CRITICAL'],
      interval_in_minutes: 60,
    });
    expect(critical['alerts_per_severity'].map((s: { label: string }) => s.label)).toEqual(['Rule CRITICAL']);
    expect(await fails('get_severity_alert_metrics', { interval_in_minutes: 45 })).toMatch(
      /interval_in_minutes/,
    );
  });

  it('get_rule_alert_metrics counts alerts per rule, and total_alerts matches list_alerts', async () => {
    const result = await ok('get_rule_alert_metrics');
    const rules = result['alerts_per_rule'] as { rule_id: string; value: number }[];
    expect(rules.length).toBeGreaterThan(0);
    const values = rules.map((r) => r.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(result['total_alerts']).toBe(values.reduce((a, b) => a + b, 0));

    const top = rules[0] as { rule_id: string; value: number };
    const one = await ok('get_rule_alert_metrics', { rule_ids: [top.rule_id] });
    expect(one['alerts_per_rule']).toHaveLength(1);
    expect(one['total_alerts']).toBe(top.value);

    // The same window and detection through list_alerts (every page) gives the same number of alerts.
    const filters = {
      detection_id: top.rule_id,
      start_date: one['start_date'],
      end_date: one['end_date'],
      event_count_min: 0,
      page_size: 50,
    };
    let listed = 0;
    let cursor: string | null = null;
    do {
      const page: Result = await ok('list_alerts', cursor ? { ...filters, cursor } : filters);
      listed += page['alerts'].length;
      cursor = page['next_cursor'];
    } while (cursor);
    expect(listed).toBe(top.value);
    expect(await fails('get_rule_alert_metrics', { rule_ids: ['bad id'] })).toMatch(/rule_ids/);
  });
});

describe('alerts pack: prompts', () => {
  it('lists the triage and reporting prompts and renders them with their arguments', async () => {
    const { prompts } = await rw.client.listPrompts();
    // Alone, the pack offers the prompts whose every tool it has: the actor investigation and the log sources
    // report also send the model to query_data_lake (and list_log_sources), which other packs bring.
    expect(prompts.map((p) => p.name).sort()).toEqual([
      'get-detection-rule-errors',
      'get-monthly-detection-quality-report',
      'prioritize-open-alerts',
      'triage-alert',
    ]);
    const render = async (name: string, args: Record<string, string>) => {
      const { messages } = await rw.client.getPrompt({ name, arguments: args });
      const content = messages[0]?.content as { text?: string } | undefined;
      return content?.text ?? '';
    };
    const window = { start_date: '2024-05-01T00:00:00Z', end_date: '2024-05-08T00:00:00Z' };
    expect(await render('get-detection-rule-errors', window)).toContain('DETECTION_ERROR');
    expect(await render('prioritize-open-alerts', window)).toContain('2024-05-01T00:00:00Z');
    expect(await render('prioritize-open-alerts', { ...window, severities: 'HIGH' })).toContain(
      'severities [HIGH]',
    );
    expect(await render('get-monthly-detection-quality-report', { month: 'March', year: '2024' })).toContain(
      '2024-03-01T00:00:00Z',
    );
    expect(await render('triage-alert', { alert_id: 'abc' })).toContain('Triage alert abc');
  });

  it('completes months, years and alert ids', async () => {
    const complete = async (name: string, argument: string, value: string) =>
      (await rw.client.complete({ ref: { type: 'ref/prompt', name }, argument: { name: argument, value } }))
        .completion.values;
    expect(await complete('get-monthly-detection-quality-report', 'month', 'ma')).toEqual(['March', 'May']);
    expect(await complete('get-monthly-detection-quality-report', 'year', '')).toContain(
      String(new Date().getUTCFullYear()),
    );
    // (severities of prioritize-open-alerts is optional; its completion is unit-tested in prompts.test.ts.)
    const [sample] = await alertsOf();
    const id = sample?.id as string;
    expect(await complete('triage-alert', 'alert_id', id.slice(0, 3))).toContain(id);
  });
});
