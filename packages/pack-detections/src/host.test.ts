/**
 * The detections pack inside the real host pipeline (validation, policy filter, registration, error mapping),
 * driven through the SDK client, against the sandbox. Detection ids are read from its API.
 */
import { filterTools } from '@mcp-panther/core';
import { createTestHost, recordsOf, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, type SandboxTokenName, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { detectionsPack } from './index.js';

// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field in assertions.
type Result = Record<string, any>;

const ALL_TOOLS = [
  'disable_detection',
  'get_data_model',
  'get_detection',
  'get_global_helper',
  'list_data_models',
  'list_detections',
  'list_global_helpers',
];

let sandbox: Sandbox;
let host: TestHost | undefined;
beforeAll(async () => {
  sandbox = await startSandbox({ events: 2_000, seed: 8 });
});
afterEach(async () => {
  await host?.close();
  host = undefined;
});
afterAll(async () => {
  await sandbox?.close();
});

async function start(mode: 'read-only' | 'read-write', token: SandboxTokenName): Promise<TestHost> {
  await host?.close();
  host = await createTestHost({
    packs: [detectionsPack],
    panther: { url: sandbox.url, token: sandbox.tokens[token] },
    policy: { mode },
  });
  return host;
}

async function ok(h: TestHost, name: string, args: Record<string, unknown> = {}): Promise<Result> {
  const result = await h.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Result;
}

/** A REST call straight to the sandbox with the admin token. */
async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; json: Result }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'X-API-Key': sandbox.tokens.admin, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Result };
}

/** The tools the host's policy filter keeps for a token holding `permissions`, in read-write mode. */
const visibleWith = (permissions: string[]) =>
  filterTools({
    packs: [{ pack: detectionsPack, specifier: detectionsPack.id, enabled: true, config: undefined }],
    policy: { mode: 'read-write', allowTools: [], denyTools: [] },
    permissions: new Set(permissions),
  })
    .enabled.map((entry) => entry.tool.name)
    .sort();

describe('detections pack in the host', () => {
  it('lists all seven tools in read-write mode for a token with every detection permission', async () => {
    expect((await (await start('read-write', 'detectionEngineer')).tools()).sort()).toEqual(ALL_TOOLS);
    expect((await (await start('read-write', 'admin')).tools()).sort()).toEqual(ALL_TOOLS);
  });

  it('hides disable_detection in read-only mode, and from tokens without RuleModify or PolicyModify', async () => {
    const reads = ALL_TOOLS.filter((t) => t !== 'disable_detection');
    expect((await (await start('read-only', 'detectionEngineer')).tools()).sort()).toEqual(reads);
    // analyst: RuleRead and PolicyRead, nothing that modifies
    expect((await (await start('read-write', 'analyst')).tools()).sort()).toEqual(reads);
    // responder and noAccess: neither RuleRead nor PolicyRead
    expect(await (await start('read-write', 'responder')).tools()).toEqual([]);
    expect(await (await start('read-write', 'noAccess')).tools()).toEqual([]);
  });

  it('shows disable_detection with either modify permission, and only the helper tools with RuleRead alone', () => {
    // No sandbox token holds exactly these sets, so the host's own filter is asked directly.
    expect(visibleWith(['RuleRead', 'PolicyRead', 'PolicyModify'])).toContain('disable_detection');
    expect(visibleWith(['RuleRead', 'PolicyRead', 'RuleModify'])).toContain('disable_detection');
    expect(visibleWith(['RuleRead'])).toEqual([
      'get_data_model',
      'get_global_helper',
      'list_data_models',
      'list_global_helpers',
    ]);
  });

  it('returns compact structured content and the same JSON as text', async () => {
    const h = await start('read-only', 'analyst');
    const result = await h.call('list_detections', {});
    expect(result.isError).toBeFalsy();
    const rules = recordsOf((result.structuredContent as Result)['rules']);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule).toEqual(expect.objectContaining({ id: expect.any(String), enabled: expect.any(Boolean) }));
      expect(rule).not.toHaveProperty('body');
      expect(rule).not.toHaveProperty('tests');
    }
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
  });

  it('turns bad input and input errors into tool errors with clear text', async () => {
    const h = await start('read-only', 'analyst');
    const requests = sandbox.stats.requests;
    const badType = await h.call('list_detections', { detection_types: ['correlation_rules'] });
    expect(badType.isError).toBe(true);
    expect(JSON.stringify(badType.content)).toMatch(/detection_types/);
    const cursor = await h.call('list_detections', {
      detection_types: ['rules', 'policies'],
      cursor: 'x',
    });
    expect(cursor.isError).toBe(true);
    expect(JSON.stringify(cursor.content)).toContain('exactly one');
    expect(sandbox.stats.requests).toBe(requests);

    const lookups = sandbox.stats.requestsByRoute['GET /rules/{id}'] ?? 0;
    const missing = await h.call('get_detection', { detection_id: 'ghost', detection_type: ['rules'] });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toContain('No detection with id \\"ghost\\" in rules');
    expect(sandbox.stats.requestsByRoute['GET /rules/{id}']).toBe(lookups + 1);
  });

  it('disables a rule without re-running its tests, and get_detection then shows it disabled', async () => {
    const h = await start('read-write', 'detectionEngineer');
    const enabled = recordsOf((await ok(h, 'list_detections', { state: 'enabled', limit: 1 }))['rules']);
    const id = enabled[0]!['id'] as string;
    const path = `/rules/${encodeURIComponent(id)}`;
    // A test the sandbox's checks refuse: a PUT that runs the tests first would fail with 400.
    const { json: rule } = await raw('GET', path);
    const broken = { ...rule, tests: [{ name: 'broken', expectedResult: true, resource: '{not json' }] };
    expect((await raw('PUT', `${path}?run-tests-only=true`, broken)).status).toBe(400);
    expect((await raw('PUT', `${path}?run-tests-first=false`, broken)).status).toBe(200);

    const disabled = await ok(h, 'disable_detection', { detection_id: id });
    expect(disabled).toMatchObject({ rule: { id, enabled: false }, changed: true });
    expect((await raw('GET', path)).json).toMatchObject({ enabled: false, tests: broken.tests });
    const after = await ok(h, 'get_detection', { detection_id: id });
    expect(after).toMatchObject({ rule: { id, enabled: false } });
    const again = await ok(h, 'disable_detection', { detection_id: id });
    expect(again).toMatchObject({ changed: false });
  });
});
