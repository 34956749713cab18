/**
 * The detections pack's MCP protocol surface on the sandbox: confirmation of disable_detection (the sandbox's
 * state is read back) and the `panther://detections/{type}/{id}` resource template.
 */
import { createTestHost, type TestHost, type TestHostOptions } from '@mcp-panther/core/testing';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { detectionsPack } from '../index.js';

let sandbox: Sandbox;
const hosts: TestHost[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ events: 1500, seed: 12 });
}, 120_000);
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  await sandbox?.close();
});

async function hostWith(confirm: TestHostOptions['confirm']): Promise<TestHost> {
  const host = await createTestHost({
    packs: [detectionsPack],
    panther: { url: sandbox.url, token: sandbox.tokens.admin },
    policy: { mode: 'read-write' },
    confirm,
  });
  hosts.push(host);
  return host;
}

/** The sandbox's own record, read with a second client (not through the host under test). */
async function sandboxGet(path: string): Promise<{ id: string; enabled: boolean }> {
  const response = await fetch(`${sandbox.url}${path}`, { headers: { 'X-API-Key': sandbox.tokens.admin } });
  return (await response.json()) as { id: string; enabled: boolean };
}

async function enabledRuleIds(count: number): Promise<string[]> {
  const response = await fetch(`${sandbox.url}/rules?limit=200`, {
    headers: { 'X-API-Key': sandbox.tokens.admin },
  });
  const ids = ((await response.json()) as { results: { id: string; enabled: boolean }[] }).results
    .filter((r) => r.enabled)
    .map((r) => r.id);
  expect(ids.length).toBeGreaterThanOrEqual(count);
  return ids.slice(0, count);
}

describe('confirmation of disable_detection', () => {
  it('asks "Disable rule <id>" and leaves the rule enabled when the person declines', async () => {
    const host = await hostWith('decline');
    const [id] = await enabledRuleIds(1);
    const result = await host.call('disable_detection', { detection_id: id });
    expect(result.isError).toBe(true);
    expect(host.confirmations[0]?.split('\n')[0]).toBe(`Disable rule ${id}`);
    expect((await sandboxGet(`/rules/${id}`)).enabled).toBe(true);
  });

  it('disables it once the person accepts', async () => {
    const host = await hostWith('accept');
    const [, id] = await enabledRuleIds(2);
    expect((await host.call('disable_detection', { detection_id: id })).isError).toBeFalsy();
    expect((await sandboxGet(`/rules/${id}`)).enabled).toBe(false);
  });
});

describe('panther://detections/{type}/{id}', () => {
  it('returns the detection get_detection returns, for each type', async () => {
    const host = await hostWith('accept');
    expect((await host.client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      'panther://detections/{type}/{id}',
    ]);
    const [id] = await enabledRuleIds(1);
    const read = await host.client.readResource({
      uri: `panther://detections/rules/${encodeURIComponent(id!)}`,
    });
    const viaTool = await host.call('get_detection', { detection_id: id, detection_type: ['rules'] });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toEqual(viaTool.structuredContent);
    const policies = (await host.call('list_detections', { detection_types: ['policies'], limit: 1 }))
      .structuredContent as { policies: { columns: string[]; rows: string[][] } };
    expect(policies.policies.columns[0]).toBe('id');
    const policyId = policies.policies.rows[0]![0]!;
    const policy = await host.client.readResource({ uri: `panther://detections/policies/${policyId}` });
    expect(JSON.parse((policy.contents[0] as { text: string }).text).policy.id).toBe(policyId);
  });

  it('names the allowed types, and completes types and ids', async () => {
    const host = await hostWith('accept');
    await expect(
      host.client.readResource({ uri: 'panther://detections/correlation_rules/x' }),
    ).rejects.toThrow(
      '{type} must be one of rules, scheduled_rules, simple_rules, policies (got "correlation_rules")',
    );
    const complete = async (name: string, value: string, known: Record<string, string> = {}) =>
      (
        await host.client.complete({
          ref: { type: 'ref/resource', uri: 'panther://detections/{type}/{id}' },
          argument: { name, value },
          context: { arguments: known },
        })
      ).completion.values;
    expect(await complete('type', 's')).toEqual(['scheduled_rules', 'simple_rules']);
    const [id] = await enabledRuleIds(1);
    expect(await complete('id', id!.slice(0, 6), { type: 'rules' })).toContain(id);
  });
});
