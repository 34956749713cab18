import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPages, startTestSandbox, type TestSandbox } from '../testing/harness.js';

let sb: TestSandbox;
// biome-ignore lint/suspicious/noExplicitAny: REST JSON
type Json = any;
const ALL = '/alerts?created-after=2000-01-01T00:00:00Z';

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});

describe('GET /alerts', () => {
  it('pages with opaque cursors until next is null', async () => {
    const first = await sb.rest(`${ALL}&limit=5`);
    expect(first.status).toBe(200);
    expect(first.json.results).toHaveLength(5);
    expect(typeof first.json.next).toBe('string');
    const all = (await collectPages(sb, `${ALL}&limit=7`)) as Json[];
    const ids = all.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all.length).toBeGreaterThan(20);
    const times = all.map((a) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('defaults to 25 results and refuses a limit above 50', async () => {
    expect((await sb.rest(ALL)).json.results).toHaveLength(25);
    const tooMany = await sb.rest(`${ALL}&limit=51`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.message).toMatch(/limit/);
  });

  it('filters by severity, status, detection and name', async () => {
    const high = (await collectPages(sb, `${ALL}&severity=HIGH&severity=CRITICAL`)) as Json[];
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((a) => a.severity === 'HIGH' || a.severity === 'CRITICAL')).toBe(true);
    const open = (await collectPages(sb, `${ALL}&status=OPEN`)) as Json[];
    expect(open.every((a) => a.status === 'OPEN')).toBe(true);
    const scans = (await collectPages(sb, `${ALL}&detection-id=AWS.VPCFlow.PortScan`)) as Json[];
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.every((a) => a.detection.id === 'AWS.VPCFlow.PortScan')).toBe(true);
    const named = (await collectPages(sb, `${ALL}&name-contains=port%20SCAN`)) as Json[];
    expect(named.map((a) => a.id).sort()).toEqual(scans.map((a) => a.id).sort());
  });

  it('filters by type and sub-type', async () => {
    const system = (await collectPages(sb, `${ALL}&type=SYSTEM_ERROR`)) as Json[];
    expect(system.length).toBeGreaterThan(0);
    expect(system.every((a) => a.type === 'SYSTEM_ERROR' && a.systemError !== null)).toBe(true);
    const errors = (await collectPages(sb, `${ALL}&type=DETECTION_ERROR`)) as Json[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((a) => a.type === 'RULE_ERROR' || a.type === 'SCHEDULED_RULE_ERROR')).toBe(true);
    const policies = (await collectPages(sb, `${ALL}&sub-type=POLICY`)) as Json[];
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.every((a) => a.type === 'POLICY' && a.resourceTypes.length > 0)).toBe(true);
    const resource = (await collectPages(sb, `${ALL}&resource-type=AWS.S3.Bucket`)) as Json[];
    expect(resource.every((a) => a.resourceTypes.includes('AWS.S3.Bucket'))).toBe(true);
  });

  it('filters by log type, log source, event counts and assignee', async () => {
    const okta = (await collectPages(sb, `${ALL}&log-type=Okta.SystemLog`)) as Json[];
    expect(okta.length).toBeGreaterThan(0);
    expect(okta.every((a) => a.logTypes.includes('Okta.SystemLog'))).toBe(true);
    const source = okta[0].logSources[0];
    const bySource = (await collectPages(sb, `${ALL}&log-source=${source}`)) as Json[];
    expect(bySource.every((a) => a.logSources.includes(source))).toBe(true);
    const big = (await collectPages(sb, `${ALL}&event-count-min=10&event-count-max=1000`)) as Json[];
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((a) => a.eventCount >= 10 && a.eventCount <= 1000)).toBe(true);
    const assigned = ((await collectPages(sb, ALL)) as Json[]).find((a) => a.assignee !== null);
    const mine = (await collectPages(sb, `${ALL}&assignee=${assigned.assignee.id}`)) as Json[];
    expect(mine.every((a) => a.assignee.id === assigned.assignee.id)).toBe(true);
  });

  it('accepts created-after/before as ISO-8601 and epoch seconds, and sorts ascending', async () => {
    const now = Math.floor(Date.now() / 1000);
    const epoch = (await collectPages(
      sb,
      `/alerts?created-after=${now - 86_400}&created-before=${now}`,
    )) as Json[];
    const iso = (await collectPages(
      sb,
      `/alerts?created-after=${new Date((now - 86_400) * 1000).toISOString()}&created-before=${new Date(now * 1000).toISOString()}`,
    )) as Json[];
    expect(epoch.map((a) => a.id).sort()).toEqual(iso.map((a) => a.id).sort());
    expect(epoch.length).toBeGreaterThan(0);
    expect(epoch.every((a) => Date.parse(a.createdAt) >= (now - 86_400) * 1000)).toBe(true);
    const asc = (await sb.rest(`${ALL}&sort-dir=asc&limit=10`)).json.results as Json[];
    const times = asc.map((a) => a.createdAt);
    expect([...times].sort()).toEqual(times);
  });

  it('returns 400 with a clear message for bad parameters', async () => {
    for (const [query, word] of [
      ['severity=SEVERE', 'severity'],
      ['status=DONE', 'status'],
      ['created-after=yesterday', 'created-after'],
      ['cursor=bogus', 'cursor'],
      ['type=ALL', 'type'],
      ['event-count-min=many', 'event-count-min'],
    ]) {
      const answer = await sb.rest(`/alerts?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.message, query).toContain(word);
    }
  });
});

describe('GET /alerts/{id} and its events', () => {
  it('returns one alert, or 404', async () => {
    const [alert] = (await sb.rest(`${ALL}&limit=1`)).json.results as Json[];
    const answer = await sb.rest(`/alerts/${alert.id}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id: alert.id, status: alert.status, type: alert.type });
    expect((await sb.rest('/alerts/0000')).status).toBe(404);
  });

  it('pages the events of an alert, each pointing at the alert', async () => {
    const big = (await sb.rest(`${ALL}&event-count-min=20&limit=1`)).json.results[0] as Json;
    const first = await sb.rest(`/alerts/${big.id}/events?limit=10`);
    expect(first.status).toBe(200);
    expect(first.json.results).toHaveLength(10);
    const events = (await collectPages(sb, `/alerts/${big.id}/events?limit=50`)) as Json[];
    expect(events).toHaveLength(big.eventCount);
    expect(events.every((e) => e.p_alert_id === big.id && e.p_rule_id === big.detection.id)).toBe(true);
    expect((await sb.rest(`/alerts/${big.id}/events?limit=51`)).status).toBe(400);
  });

  it('returns detection errors with their rule error', async () => {
    const [error] = (await sb.rest(`${ALL}&type=DETECTION_ERROR&limit=1`)).json.results as Json[];
    const events = (await sb.rest(`/alerts/${error.id}/events`)).json.results as Json[];
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].p_rule_error).toMatch(/Error/);
  });
});

describe('PATCH /alerts', () => {
  it('updates status and assignee in bulk and answers 204 with a JSON content type', async () => {
    const alerts = (await sb.rest(`${ALL}&status=OPEN&limit=2`)).json.results as Json[];
    const users = (await sb.rest('/users')).json?.results as Json[] | undefined;
    const assignee = users?.[0]?.id ?? alerts[0].assignee?.id;
    const ids = alerts.map((a) => a.id);
    const answer = await sb.rest('/alerts', {
      token: 'responder',
      method: 'PATCH',
      body: { ids, status: 'TRIAGED' },
    });
    expect(answer.status).toBe(204);
    expect(answer.contentType).toBe('application/json');
    expect(answer.text).toBe('');
    for (const id of ids) {
      const alert = (await sb.rest(`/alerts/${id}`)).json;
      expect(alert.status).toBe('TRIAGED');
      expect(alert.updatedBy).toEqual({ id: 'sbx-token-responder', type: 'api-token' });
    }
    if (assignee !== undefined) {
      expect((await sb.rest('/alerts', { method: 'PATCH', body: { ids, assignee } })).status).toBe(204);
      expect((await sb.rest(`/alerts/${ids[0]}`)).json.assignee).toEqual({ id: assignee, type: 'user' });
    }
  });

  it('refuses unknown alerts, bad statuses and empty updates', async () => {
    const [alert] = (await sb.rest(`${ALL}&limit=1`)).json.results as Json[];
    expect(
      (await sb.rest('/alerts', { method: 'PATCH', body: { ids: ['nope'], status: 'OPEN' } })).status,
    ).toBe(404);
    expect(
      (await sb.rest('/alerts', { method: 'PATCH', body: { ids: [alert.id], status: 'DONE' } })).status,
    ).toBe(400);
    expect((await sb.rest('/alerts', { method: 'PATCH', body: { ids: [alert.id] } })).status).toBe(400);
    expect((await sb.rest('/alerts', { method: 'PATCH', body: { ids: [] } })).status).toBe(400);
  });
});

describe('alert comments', () => {
  it('adds a comment and lists it, paging with cursors', async () => {
    const [alert] = (await sb.rest(`${ALL}&limit=1`)).json.results as Json[];
    for (let i = 0; i < 3; i++) {
      const created = await sb.rest('/alert-comments', {
        token: 'responder',
        method: 'POST',
        body: { alertId: alert.id, body: `note ${i}`, format: 'PLAIN_TEXT' },
      });
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({ alertId: alert.id, body: `note ${i}`, format: 'PLAIN_TEXT' });
      expect(created.json.createdBy).toEqual({ id: 'sbx-token-responder', type: 'api-token' });
    }
    const page = await sb.rest(`/alert-comments?alert-id=${alert.id}&limit=2`);
    expect(page.json.results).toHaveLength(2);
    const all = (await collectPages(sb, `/alert-comments?alert-id=${alert.id}&limit=2`)) as Json[];
    expect(all.map((c) => c.body)).toEqual(expect.arrayContaining(['note 0', 'note 1', 'note 2']));
    const one = await sb.rest(`/alert-comments/${all[0].id}`);
    expect(one.json.id).toBe(all[0].id);
  });

  it('finds generated comments on triaged alerts', async () => {
    const resolved = (await collectPages(
      sb,
      `${ALL}&status=RESOLVED&status=TRIAGED&status=CLOSED`,
    )) as Json[];
    let found = 0;
    for (const alert of resolved.slice(0, 15)) {
      found += (await sb.rest(`/alert-comments?alert-id=${alert.id}`)).json.results.length;
    }
    expect(found).toBeGreaterThan(0);
  });

  it('validates comment input', async () => {
    expect((await sb.rest('/alert-comments')).status).toBe(400);
    expect((await sb.rest('/alert-comments?alert-id=nope')).status).toBe(404);
    const bad = await sb.rest('/alert-comments', { method: 'POST', body: { alertId: 'nope', body: '' } });
    expect(bad.status).toBe(400);
    const analyst = await sb.rest('/alert-comments', {
      token: 'analyst',
      method: 'POST',
      body: { alertId: 'x', body: 'x' },
    });
    expect(analyst.status).toBe(403);
  });
});
