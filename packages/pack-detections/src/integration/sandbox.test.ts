/**
 * The detections pack through the real host pipeline (SDK client over an in-memory transport) against the
 * sandbox. Ids are discovered through the tools, never hard-coded.
 */
import { createTestHost, recordsOf, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, type SandboxTokenName, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectionsPack } from '../index.js';

// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field in assertions.
type Result = Record<string, any>;
interface Detection {
  id: string;
  displayName?: string;
  enabled?: boolean;
  severity?: string;
  logTypes?: string[];
  resourceTypes?: string[];
  outputIDs?: string[];
  [key: string]: unknown;
}

const ALL = [
  'disable_detection',
  'get_data_model',
  'get_detection',
  'get_global_helper',
  'list_data_models',
  'list_detections',
  'list_global_helpers',
];

let sandbox: Sandbox;
const hosts: TestHost[] = [];

async function hostFor(token: SandboxTokenName, mode: 'read-only' | 'read-write' = 'read-only') {
  const host = await createTestHost({
    packs: [detectionsPack],
    panther: { url: sandbox.url, token: sandbox.tokens[token] },
    policy: { mode },
  });
  hosts.push(host);
  return host;
}

let reader: TestHost;
let writer: TestHost;

const isTable = (value: unknown): value is { columns: string[]; rows: unknown[][] } =>
  typeof value === 'object' && value !== null && 'columns' in value && 'rows' in value;

/** The structured result, with each table read back as records (so assertions read fields by name). */
async function ok(host: TestHost, name: string, args: Record<string, unknown> = {}): Promise<Result> {
  const result = await host.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  const out = { ...(result.structuredContent as Result) };
  for (const [key, value] of Object.entries(out)) if (isTable(value)) out[key] = recordsOf(value);
  return out;
}

async function fails(host: TestHost, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await host.call(name, args);
  expect(result.isError, `${name} should fail`).toBe(true);
  return (result.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
}

beforeAll(async () => {
  sandbox = await startSandbox({ events: 1500, seed: 11 });
  reader = await hostFor('analyst');
  writer = await hostFor('detectionEngineer', 'read-write');
}, 120_000);

afterAll(async () => {
  for (const host of hosts) await host.close();
  await sandbox?.close();
});

describe('detections pack on the sandbox: tool visibility', () => {
  it('shows all seven tools to the admin and the detection engineer in read-write mode', async () => {
    expect((await (await hostFor('admin', 'read-write')).tools()).sort()).toEqual(ALL);
    expect((await writer.tools()).sort()).toEqual(ALL);
  });

  it('hides disable_detection in read-only mode and from the analyst (no RuleModify/PolicyModify)', async () => {
    const reads = ALL.filter((t) => t !== 'disable_detection');
    expect((await (await hostFor('admin')).tools()).sort()).toEqual(reads);
    expect((await (await hostFor('analyst', 'read-write')).tools()).sort()).toEqual(reads);
  });

  it('shows nothing to tokens without RuleRead/PolicyRead', async () => {
    expect(await (await hostFor('responder', 'read-write')).tools()).toEqual([]);
    expect(await (await hostFor('noAccess', 'read-write')).tools()).toEqual([]);
  });
});

describe('list_detections on the sandbox', () => {
  it('lists rules by default as a table of ids, severities and states, without code', async () => {
    const raw = (await reader.call('list_detections', {})).structuredContent as Result;
    expect(raw['rules'].columns).toEqual(['id', 'severity', 'enabled']);
    const out = await ok(reader, 'list_detections');
    expect(Object.keys(out).filter((k) => k !== 'note' && k !== 'next_cursor')).toEqual(['rules']);
    const rules = out['rules'] as Detection[];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(typeof rule.id).toBe('string');
      expect(rule).not.toHaveProperty('body');
      expect(rule).not.toHaveProperty('tests');
      expect(rule).not.toHaveProperty('runbook');
    }
  });

  it('lists enabled and disabled rules when state is not given, and filters by state', async () => {
    const all = (await ok(reader, 'list_detections', { limit: 1000 }))['rules'] as Detection[];
    const disabled = (await ok(reader, 'list_detections', { state: 'disabled', limit: 1000 }))[
      'rules'
    ] as Detection[];
    const enabled = (await ok(reader, 'list_detections', { state: 'enabled', limit: 1000 }))[
      'rules'
    ] as Detection[];
    expect(disabled.length).toBeGreaterThan(0);
    expect(disabled.every((r) => r.enabled === false)).toBe(true);
    expect(enabled.every((r) => r.enabled === true)).toBe(true);
    expect(enabled.length + disabled.length).toBe(all.length);
  });

  it('filters by severity, log type, tag and name', async () => {
    const fields = ['severity', 'logTypes', 'tags'];
    const all = (await ok(reader, 'list_detections', { limit: 1000, fields }))['rules'] as Detection[];
    const high = (await ok(reader, 'list_detections', { severity: ['HIGH', 'CRITICAL'], limit: 1000 }))[
      'rules'
    ] as Detection[];
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((r) => r.severity === 'HIGH' || r.severity === 'CRITICAL')).toBe(true);

    const logType = all.find((r) => (r.logTypes ?? []).length > 0)!.logTypes![0]!;
    const byLogType = (await ok(reader, 'list_detections', { log_type: [logType], limit: 1000, fields }))[
      'rules'
    ] as Detection[];
    expect(byLogType.length).toBeGreaterThan(0);
    expect(byLogType.every((r) => r.logTypes?.includes(logType))).toBe(true);

    const tagged = all.find((r) => Array.isArray(r['tags']) && (r['tags'] as string[]).length > 0)!;
    const tag = (tagged['tags'] as string[])[0]!;
    const byTag = (await ok(reader, 'list_detections', { tag: [tag], limit: 1000 }))['rules'] as Detection[];
    expect(byTag.map((r) => r.id)).toContain(tagged.id);

    const sample = all[0]!;
    const fragment = sample.id.slice(0, Math.min(6, sample.id.length));
    const byName = (await ok(reader, 'list_detections', { name_contains: fragment, limit: 1000 }))[
      'rules'
    ] as Detection[];
    expect(byName.map((r) => r.id)).toContain(sample.id);
    expect(byName.length).toBeLessThanOrEqual(all.length);
  });

  it('queries every type at once and sends type-specific filters only where they apply', async () => {
    const out = await ok(reader, 'list_detections', {
      detection_types: ['rules', 'scheduled_rules', 'simple_rules', 'policies'],
      limit: 1000,
      fields: ['resourceTypes'],
    });
    for (const type of ['rules', 'scheduled_rules', 'simple_rules', 'policies']) {
      expect((out[type] as Detection[]).length, type).toBeGreaterThan(0);
    }
    const policy = (out['policies'] as Detection[]).find((p) => (p.resourceTypes ?? []).length > 0)!;
    const resourceType = policy.resourceTypes![0]!;
    const mixed = await ok(reader, 'list_detections', {
      detection_types: ['rules', 'policies'],
      resource_type: [resourceType],
      limit: 1000,
      fields: ['resourceTypes'],
    });
    expect((mixed['policies'] as Detection[]).every((p) => p.resourceTypes?.includes(resourceType))).toBe(
      true,
    );
    // resource_type is not sent to /rules, so rules are not filtered away.
    expect((mixed['rules'] as Detection[]).length).toBe((out['rules'] as Detection[]).length);

    const count = async (status: string) => {
      const page = await ok(reader, 'list_detections', {
        detection_types: ['policies'],
        compliance_status: status,
        limit: 1000,
      });
      return (page['policies'] as Detection[]).length;
    };
    const [pass, fail, error] = [await count('PASS'), await count('FAIL'), await count('ERROR')];
    expect(fail).toBeGreaterThan(0);
    expect(pass + fail + error).toBe((out['policies'] as Detection[]).length);
  });

  it('pages one type with cursor/next_cursor without repeating items', async () => {
    const first = await ok(reader, 'list_detections', { limit: 2 });
    expect(first['rules']).toHaveLength(2);
    expect(typeof first['next_cursor']).toBe('string');
    expect(first['note']).toContain('cursor');
    const second = await ok(reader, 'list_detections', { limit: 2, cursor: first['next_cursor'] });
    const ids = (r: Result) => (r['rules'] as Detection[]).map((d) => d.id);
    expect(ids(second)).toHaveLength(2);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
  });

  it('gives a cursor per type when several types are cut', async () => {
    const out = await ok(reader, 'list_detections', { detection_types: ['rules', 'policies'], limit: 1 });
    expect(typeof out['rules_next_cursor']).toBe('string');
    expect(typeof out['policies_next_cursor']).toBe('string');
    const next = await ok(reader, 'list_detections', {
      detection_types: ['policies'],
      limit: 1,
      cursor: out['policies_next_cursor'],
    });
    expect((next['policies'] as Detection[])[0]?.id).not.toBe((out['policies'] as Detection[])[0]?.id);
  });

  it('filters by output_ids on the client side', async () => {
    const all = (await ok(reader, 'list_detections', { limit: 1000, fields: ['outputIDs'] }))[
      'rules'
    ] as Detection[];
    const routed = all.filter((r) => (r.outputIDs ?? []).length > 0);
    expect(routed.length).toBeGreaterThan(0);
    const outputId = routed[0]!.outputIDs![0]!;
    const out = await ok(reader, 'list_detections', { output_ids: [outputId], limit: 1000 });
    const ids = (out['rules'] as Detection[]).map((r) => r.id).sort();
    expect(ids).toEqual(
      all
        .filter((r) => r.outputIDs?.includes(outputId))
        .map((r) => r.id)
        .sort(),
    );
  });

  it('refuses bad input with clear messages', async () => {
    expect(await fails(reader, 'list_detections', { detection_types: ['correlation_rules'] })).toContain(
      'detection_types',
    );
    expect(await fails(reader, 'list_detections', { limit: 5000 })).toContain('limit');
    expect(
      await fails(reader, 'list_detections', { detection_types: ['rules', 'policies'], cursor: 'x' }),
    ).toContain('exactly one');
    expect(
      await fails(reader, 'list_detections', { log_type: ['AWS.CloudTrail'], detection_types: ['policies'] }),
    ).toContain('log_type');
  });
});

describe('get_detection on the sandbox', () => {
  it('returns the full detection, code and tests included', async () => {
    const [rule] = (await ok(reader, 'list_detections', { limit: 1 }))['rules'] as Detection[];
    const out = await ok(reader, 'get_detection', { detection_id: rule!.id });
    expect(out['rule'].id).toBe(rule!.id);
    expect(typeof out['rule'].body).toBe('string');
    expect(Array.isArray(out['rule'].tests)).toBe(true);
  });

  it('looks in several types and says where it was not found', async () => {
    const [policy] = (await ok(reader, 'list_detections', { detection_types: ['policies'], limit: 1 }))[
      'policies'
    ] as Detection[];
    const out = await ok(reader, 'get_detection', {
      detection_id: policy!.id,
      detection_type: ['rules', 'policies'],
    });
    expect(out['policy'].id).toBe(policy!.id);
    expect(out['not_found_in_types']).toEqual(['rules']);
  });

  it('says clearly when the id exists in none of the types', async () => {
    const text = await fails(reader, 'get_detection', {
      detection_id: 'No.Such.Detection',
      detection_type: ['rules', 'simple_rules'],
    });
    expect(text).toContain('No detection with id "No.Such.Detection" in rules, simple_rules');
  });
});

describe('disable_detection on the sandbox', () => {
  it('disables an enabled rule; get_detection and list_detections then show it disabled', async () => {
    const [rule] = (await ok(writer, 'list_detections', { state: 'enabled', limit: 1 }))[
      'rules'
    ] as Detection[];
    const before = await ok(writer, 'get_detection', { detection_id: rule!.id });
    expect(before['rule'].enabled).toBe(true);

    const out = await ok(writer, 'disable_detection', { detection_id: rule!.id });
    expect(out).toMatchObject({ rule: { id: rule!.id, enabled: false }, changed: true });

    const after = await ok(writer, 'get_detection', { detection_id: rule!.id });
    expect(after['rule'].enabled).toBe(false);
    expect(after['rule'].body).toBe(before['rule'].body);
    expect(after['rule'].tests).toEqual(before['rule'].tests);
    const disabled = (await ok(writer, 'list_detections', { state: 'disabled', limit: 1000 }))[
      'rules'
    ] as Detection[];
    expect(disabled.map((r) => r.id)).toContain(rule!.id);

    const again = await ok(writer, 'disable_detection', { detection_id: rule!.id });
    expect(again).toMatchObject({ rule: { enabled: false }, changed: false });
  });

  it('disables a policy', async () => {
    const [policy] = (
      await ok(writer, 'list_detections', {
        detection_types: ['policies'],
        state: 'enabled',
        limit: 1,
      })
    )['policies'] as Detection[];
    const out = await ok(writer, 'disable_detection', {
      detection_id: policy!.id,
      detection_type: 'policies',
    });
    expect(out).toMatchObject({ policy: { id: policy!.id, enabled: false }, changed: true });
    const after = await ok(writer, 'get_detection', {
      detection_id: policy!.id,
      detection_type: ['policies'],
    });
    expect(after['policy'].enabled).toBe(false);
  });

  it('names the type and id when the detection does not exist, and refuses unknown types', async () => {
    expect(await fails(writer, 'disable_detection', { detection_id: 'Ghost.Rule' })).toContain(
      'Rule "Ghost.Rule" not found',
    );
    expect(
      await fails(writer, 'disable_detection', { detection_id: 'x', detection_type: 'correlation_rules' }),
    ).toContain('detection_type');
  });
});

describe('global helpers and data models on the sandbox', () => {
  it('lists helpers without code, pages them, and gets one with its code', async () => {
    const out = await ok(reader, 'list_global_helpers');
    const helpers = out['global_helpers'] as Result[];
    expect(helpers.length).toBeGreaterThan(1);
    expect(helpers.every((h) => h['body'] === undefined)).toBe(true);

    const first = await ok(reader, 'list_global_helpers', { limit: 1 });
    expect(typeof first['next_cursor']).toBe('string');
    const second = await ok(reader, 'list_global_helpers', { limit: 1, cursor: first['next_cursor'] });
    expect(second['global_helpers'][0].id).not.toBe(first['global_helpers'][0].id);

    const id = helpers[0]!['id'] as string;
    const filtered = await ok(reader, 'list_global_helpers', { name_contains: id });
    expect((filtered['global_helpers'] as Result[]).map((h) => h['id'])).toContain(id);

    const helper = await ok(reader, 'get_global_helper', { helper_id: id });
    expect(helper['global_helper'].id).toBe(id);
    expect(typeof helper['global_helper'].body).toBe('string');
    expect(await fails(reader, 'get_global_helper', { helper_id: 'no_such_helper' })).toContain('Not found');
  });

  it('lists data models with mappings but no body, and gets one in full', async () => {
    const out = await ok(reader, 'list_data_models');
    const models = out['data_models'] as Result[];
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((m) => m['body'] === undefined && Array.isArray(m['mappings']))).toBe(true);

    const first = await ok(reader, 'list_data_models', { limit: 1 });
    expect(models.length).toBeGreaterThan(1);
    expect(typeof first['next_cursor']).toBe('string');
    expect(first['data_models']).toHaveLength(1);

    const id = models[0]!['id'] as string;
    const model = await ok(reader, 'get_data_model', { data_model_id: id });
    expect(model['data_model'].id).toBe(id);
    expect(model['data_model'].mappings).toEqual(models[0]!['mappings']);
    expect(await fails(reader, 'get_data_model', { data_model_id: 'No.Such.Model' })).toContain('Not found');
  });
});
