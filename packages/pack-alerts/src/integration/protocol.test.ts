/**
 * The alerts pack's MCP protocol surface on the sandbox: confirmation of its destructive writes (the sandbox's
 * state is read back, not assumed) and the `panther://alerts/{id}` resource template.
 */
import { createTestHost, type TestHost, type TestHostOptions } from '@mcp-panther/core/testing';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertsPack } from '../index.js';

let sandbox: Sandbox;
const hosts: TestHost[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11 });
});
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  await sandbox?.close();
});

async function hostWith(confirm: TestHostOptions['confirm']): Promise<TestHost> {
  const host = await createTestHost({
    packs: [alertsPack],
    panther: { url: sandbox.url, token: sandbox.tokens.admin },
    policy: { mode: 'read-write' },
    confirm,
  });
  hosts.push(host);
  return host;
}

/** The sandbox's own record of an alert, read with a second client (not through the host under test). */
async function statusOf(id: string): Promise<string> {
  const response = await fetch(`${sandbox.url}/alerts/${id}`, {
    headers: { 'X-API-Key': sandbox.tokens.admin },
  });
  return ((await response.json()) as { status: string }).status;
}

async function openAlertIds(count: number): Promise<string[]> {
  const response = await fetch(`${sandbox.url}/alerts?limit=50&status=OPEN`, {
    headers: { 'X-API-Key': sandbox.tokens.admin },
  });
  const ids = ((await response.json()) as { results: { id: string; status: string }[] }).results
    .filter((a) => a.status === 'OPEN')
    .map((a) => a.id);
  expect(ids.length).toBeGreaterThanOrEqual(count);
  return ids.slice(0, count);
}

const textOf = (result: { content?: unknown }) =>
  ((result.content ?? []) as { text?: string }[]).map((c) => c.text ?? '').join('\n');

describe('confirmation of destructive alert writes', () => {
  it('changes nothing in Panther when the person declines', async () => {
    const host = await hostWith('decline');
    const ids = await openAlertIds(7);
    const result = await host.call('update_alert_status', { alert_ids: ids, status: 'RESOLVED' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('the user declined the change');
    expect(host.confirmations[0]).toContain(`Resolve 7 alerts: ${ids.slice(0, 5).join(', ')} and 2 more`);
    for (const id of ids) expect(await statusOf(id)).toBe('OPEN');
  });

  it('writes once the person accepts the summary of exactly that change', async () => {
    const host = await hostWith('accept');
    const [id] = await openAlertIds(1);
    const result = await host.call('update_alert_status', { alert_ids: [id], status: 'CLOSED' });
    expect(result.isError).toBeFalsy();
    expect(host.confirmations).toEqual([expect.stringContaining(`Close alert ${id}`)]);
    expect(await statusOf(id!)).toBe('CLOSED');
  });

  it('describes a bulk update and a reassignment in words', async () => {
    const questions: string[] = [];
    const host = await hostWith((request) => {
      questions.push(request.message);
      return { action: 'cancel' };
    });
    const ids = await openAlertIds(2);
    await host.call('bulk_update_alerts', { alert_ids: ids, status: 'TRIAGED', comment: 'looked at it' });
    await host.call('update_alert_assignee', { alert_ids: ids, assignee_id: 'user-7' });
    expect(questions[0]).toContain(
      `For 2 alerts (${ids.join(', ')}): set the status to TRIAGED; add the comment "looked at it"`,
    );
    expect(questions[1]).toContain(`Assign 2 alerts to user user-7: ${ids.join(', ')}`);
    for (const id of ids) expect(await statusOf(id)).toBe('OPEN');
  });
});

describe('panther://alerts/{id}', () => {
  it('returns the alert get_alert returns, and completes ids of recent alerts', async () => {
    const host = await hostWith('accept');
    const { resourceTemplates } = await host.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['panther://alerts/{id}']);
    const [id] = await openAlertIds(1);
    const read = await host.client.readResource({ uri: `panther://alerts/${id}` });
    const viaTool = await host.call('get_alert', { alert_id: id });
    expect(read.contents).toHaveLength(1);
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toEqual(viaTool.structuredContent);
    expect((viaTool.structuredContent as { alert: { id: string } }).alert.id).toBe(id);
    await expect(host.client.readResource({ uri: 'panther://alerts/no-such-alert' })).rejects.toThrow(
      /Resource panther:\/\/alerts\/no-such-alert not found/,
    );
    // Completion offers recent alerts (the last 7 days, as list_alerts shows them).
    const recent = (await host.call('list_alerts')).structuredContent as { alerts: { rows: string[][] } };
    const sample = recent.alerts.rows[0]![0]!;
    const { completion } = await host.client.complete({
      ref: { type: 'ref/resource', uri: 'panther://alerts/{id}' },
      argument: { name: 'id', value: sample.slice(0, 4) },
    });
    expect(completion.values).toContain(sample);
    expect(completion.values.every((v) => v.startsWith(sample.slice(0, 4)))).toBe(true);
  });

  it('is not offered to a token that cannot read alerts', async () => {
    const host = await createTestHost({
      packs: [alertsPack],
      panther: { url: sandbox.url, token: sandbox.tokens.detectionEngineer },
    });
    hosts.push(host);
    expect((await host.client.listResourceTemplates()).resourceTemplates).toEqual([]);
  });
});
