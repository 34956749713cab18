/**
 * The detections pack inside the real host pipeline (validation, policy filter, registration, error mapping),
 * driven through the SDK client, with a recording fake Panther client.
 */
import { PantherApiError, type PantherPermission } from '@mcp-panther/core';
import { createFakeClient, createTestHost, type FakeCall, type TestHost } from '@mcp-panther/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { detectionsPack } from './index.js';

const ALL_TOOLS = [
  'disable_detection',
  'get_data_model',
  'get_detection',
  'get_global_helper',
  'list_data_models',
  'list_detections',
  'list_global_helpers',
];

/** A tiny stateful Panther: one rule, answering the token's permissions from `permissions`. */
function fakePanther(permissions: readonly PantherPermission[]) {
  const rule = { id: 'AWS.Root.Login', enabled: true, severity: 'HIGH', body: 'def rule(e): return True' };
  return createFakeClient((call: FakeCall) => {
    if (call.kind !== 'rest') throw new Error('unexpected GraphQL call');
    const { method, path, body } = call.request;
    if (path === '/api-tokens/self') return { id: 't', name: 'test', permissions };
    if (method === 'GET' && path === '/rules') return { results: [rule] };
    if (path === '/rules/AWS.Root.Login') {
      if (method === 'PUT') Object.assign(rule, body as object);
      return { ...rule };
    }
    if (method === 'GET' && path.startsWith('/')) {
      throw new PantherApiError('NOT_FOUND', `${path} not found`, { status: 404 });
    }
    throw new Error(`unexpected ${method} ${path}`);
  });
}

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(mode: 'read-only' | 'read-write', permissions: readonly PantherPermission[]) {
  const fake = fakePanther(permissions);
  host = await createTestHost({
    packs: [detectionsPack],
    panther: { client: fake.client },
    policy: { mode },
  });
  return { host, fake };
}

describe('detections pack in the host', () => {
  it('lists all seven tools in read-write mode for a token with every detection permission', async () => {
    const { host } = await start('read-write', ['RuleRead', 'PolicyRead', 'RuleModify', 'PolicyModify']);
    expect((await host.tools()).sort()).toEqual(ALL_TOOLS);
  });

  it('hides disable_detection in read-only mode, and from tokens without RuleModify or PolicyModify', async () => {
    const reads = ALL_TOOLS.filter((t) => t !== 'disable_detection');
    const ro = await start('read-only', ['RuleRead', 'PolicyRead', 'RuleModify', 'PolicyModify']);
    expect((await ro.host.tools()).sort()).toEqual(reads);
    await ro.host.close();
    const analyst = await start('read-write', ['RuleRead', 'PolicyRead']);
    expect((await analyst.host.tools()).sort()).toEqual(reads);
  });

  it('shows disable_detection with either modify permission, and only the helper tools with RuleRead alone', async () => {
    const policyOnly = await start('read-write', ['RuleRead', 'PolicyRead', 'PolicyModify']);
    expect(await policyOnly.host.tools()).toContain('disable_detection');
    await policyOnly.host.close();
    const ruleRead = await start('read-write', ['RuleRead']);
    expect((await ruleRead.host.tools()).sort()).toEqual([
      'get_data_model',
      'get_global_helper',
      'list_data_models',
      'list_global_helpers',
    ]);
  });

  it('returns compact structured content and the same JSON as text', async () => {
    const { host } = await start('read-only', ['RuleRead', 'PolicyRead']);
    const result = await host.call('list_detections', {});
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      rules: [{ id: 'AWS.Root.Login', enabled: true, severity: 'HIGH' }],
    });
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
  });

  it('turns bad input and input errors into tool errors with clear text', async () => {
    const { host, fake } = await start('read-only', ['RuleRead', 'PolicyRead']);
    const badType = await host.call('list_detections', { detection_types: ['correlation_rules'] });
    expect(badType.isError).toBe(true);
    expect(JSON.stringify(badType.content)).toMatch(/detection_types/);
    const cursor = await host.call('list_detections', {
      detection_types: ['rules', 'policies'],
      cursor: 'x',
    });
    expect(cursor.isError).toBe(true);
    expect(JSON.stringify(cursor.content)).toContain('exactly one');
    const missing = await host.call('get_detection', { detection_id: 'ghost', detection_type: ['rules'] });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toContain('No detection with id \\"ghost\\" in rules');
    expect(fake.restCalls().filter((r) => r.path.includes('ghost'))).toHaveLength(1);
  });

  it('disables a rule, and get_detection then shows it disabled', async () => {
    const { host, fake } = await start('read-write', ['RuleRead', 'PolicyRead', 'RuleModify']);
    const disabled = await host.call('disable_detection', { detection_id: 'AWS.Root.Login' });
    expect(disabled.isError).toBeFalsy();
    expect(disabled.structuredContent).toMatchObject({ rule: { enabled: false }, changed: true });
    const put = fake.restCalls().find((r) => r.method === 'PUT');
    expect(put?.query).toEqual({ 'run-tests-first': 'false' });
    const after = await host.call('get_detection', { detection_id: 'AWS.Root.Login' });
    expect(after.structuredContent).toMatchObject({ rule: { id: 'AWS.Root.Login', enabled: false } });
  });
});
