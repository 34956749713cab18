import { createFakeClient, recordsOf, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listDetections from './list-detections.js';

const RULE = {
  id: 'AWS.Root.Login',
  displayName: 'Root login',
  description: 'Root account used',
  enabled: true,
  severity: 'HIGH',
  logTypes: ['AWS.CloudTrail'],
  tags: ['AWS'],
  reports: {},
  managed: false,
  outputIDs: ['prod-slack'],
  threshold: 1,
  dedupPeriodMinutes: 60,
  createdBy: { id: 'u1', type: 'user' },
  createdAt: '2024-01-01T00:00:00Z',
  lastModified: '2024-01-02T00:00:00Z',
  body: 'def rule(event): return True',
  tests: [{ name: 't', expectedResult: true, resource: '{}' }],
  runbook: 'call someone',
};
const POLICY = {
  id: 'S3.Public',
  enabled: false,
  severity: 'LOW',
  resourceTypes: ['AWS.S3.Bucket'],
  body: 'x',
};

function pageFor(path: string) {
  if (path === '/rules') return { results: [RULE], next: 'rules-2' };
  if (path === '/policies') return { results: [POLICY] };
  return { results: [] };
}

describe('list_detections', () => {
  it('lists rules by default as a table of ids, severities and states, with a next_cursor', async () => {
    const fake = createFakeClient((call) => (call.kind === 'rest' ? pageFor(call.request.path) : undefined));
    const out = await runTool(listDetections, {}, fake);

    expect(fake.restCalls().map((r) => [r.method, r.path])).toEqual([['GET', '/rules']]);
    expect(fake.restCalls()[0]?.query).toMatchObject({ limit: 100 });
    expect(out).toEqual({
      rules: {
        columns: ['id', 'severity', 'enabled'],
        rows: [['AWS.Root.Login', 'HIGH', true]],
      },
      next_cursor: 'rules-2',
      note: 'More results: call again with cursor=next_cursor.',
    });
  });

  it('gives the columns asked for in fields, id first, and never the code', async () => {
    const fake = createFakeClient((call) => (call.kind === 'rest' ? pageFor(call.request.path) : undefined));
    const out = await runTool(
      listDetections,
      { fields: ['logTypes', 'description', 'id', 'tags'] as never },
      fake,
    );
    expect(out['rules']).toEqual({
      columns: ['id', 'logTypes', 'description', 'tags'],
      rows: [['AWS.Root.Login', ['AWS.CloudTrail'], 'Root account used', ['AWS']]],
    });
    const parsed = listDetections.input.safeParse({ fields: ['body'] });
    expect(parsed.error?.issues[0]?.message).toMatch(
      /^must name fields from id, severity, enabled, displayName, .* \(unknown: "body"\)$/,
    );
  });

  it('shortens long text values with a marker (get_detection has them whole)', async () => {
    const long = { ...RULE, description: 'd'.repeat(1_000) };
    const fake = createFakeClient(() => ({ results: [long] }));
    const out = await runTool(listDetections, { fields: ['description'] }, fake);
    expect((out['rules'] as { rows: string[][] }).rows[0]![1]).toBe(
      `${'d'.repeat(300)}…[shortened: 700 of 1000 characters left out]`,
    );
  });

  it('sends each filter under its Panther query key and no state filter by default', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    await runTool(
      listDetections,
      {
        detection_types: ['rules'],
        name_contains: 'login',
        severity: ['HIGH', 'CRITICAL'],
        tag: ['AWS'],
        log_type: ['AWS.CloudTrail'],
        created_by: 'alice',
        last_modified_by: 'bob',
        cursor: 'abc',
        limit: 5,
      },
      fake,
    );
    const query = fake.restCalls()[0]?.query;
    expect(query).toEqual({
      limit: 5,
      cursor: 'abc',
      'name-contains': 'login',
      state: undefined,
      severity: ['HIGH', 'CRITICAL'],
      tag: ['AWS'],
      'created-by': 'alice',
      'last-modified-by': 'bob',
      'log-type': ['AWS.CloudTrail'],
    });
    expect(fake.restCalls()[0]?.cacheKind).toBe('detections');
  });

  it('sends log-type only to rule endpoints and resource-type, compliance-status only to policies', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    await runTool(
      listDetections,
      {
        detection_types: ['rules', 'scheduled_rules', 'simple_rules', 'policies'],
        state: 'disabled',
        log_type: ['Okta.SystemLog'],
        resource_type: ['AWS.S3.Bucket'],
        compliance_status: 'FAIL',
      },
      fake,
    );
    const byPath = Object.fromEntries(fake.restCalls().map((r) => [r.path, r.query ?? {}]));
    expect(Object.keys(byPath).sort()).toEqual(['/policies', '/rules', '/scheduled-rules', '/simple-rules']);
    expect(byPath['/rules']).toMatchObject({ 'log-type': ['Okta.SystemLog'], state: 'disabled' });
    expect(byPath['/simple-rules']).toMatchObject({ 'log-type': ['Okta.SystemLog'] });
    expect(byPath['/scheduled-rules']).not.toHaveProperty('log-type');
    expect(byPath['/policies']).not.toHaveProperty('log-type');
    expect(byPath['/policies']).toMatchObject({
      'resource-type': ['AWS.S3.Bucket'],
      'compliance-status': 'FAIL',
    });
    for (const path of ['/rules', '/scheduled-rules', '/simple-rules']) {
      expect(byPath[path]).not.toHaveProperty('resource-type');
      expect(byPath[path]).not.toHaveProperty('compliance-status');
    }
  });

  it('starts every per-type request before any answers (concurrently)', async () => {
    const release: (() => void)[] = [];
    const fake = createFakeClient(
      () =>
        new Promise((resolve) => {
          release.push(() => resolve({ results: [] }));
        }),
    );
    const pending = runTool(
      listDetections,
      { detection_types: ['rules', 'scheduled_rules', 'simple_rules', 'policies'] },
      fake,
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.calls).toHaveLength(4);
    for (const r of release) r();
    const out = await pending;
    expect(Object.keys(out)).toEqual(['rules', 'scheduled_rules', 'simple_rules', 'policies']);
  });

  it('gives a cursor per type when several types were cut', async () => {
    const fake = createFakeClient((call) =>
      call.kind === 'rest' ? { results: [], next: `${call.request.path.slice(1)}-next` } : undefined,
    );
    const out = await runTool(listDetections, { detection_types: ['rules', 'policies'] }, fake);
    expect(out['rules_next_cursor']).toBe('rules-next');
    expect(out['policies_next_cursor']).toBe('policies-next');
    expect(out).not.toHaveProperty('next_cursor');
    expect(out['note']).toContain('rules, policies');
  });

  it('lists policies in the same columns, absent values as null', async () => {
    const fake = createFakeClient((call) => (call.kind === 'rest' ? pageFor(call.request.path) : undefined));
    const out = await runTool(listDetections, { detection_types: ['policies'] }, fake);
    expect(out).toEqual({
      policies: { columns: ['id', 'severity', 'enabled'], rows: [['S3.Public', 'LOW', false]] },
    });
    const named = await runTool(
      listDetections,
      { detection_types: ['policies'], fields: ['displayName'] },
      fake,
    );
    expect(named).toEqual({ policies: { columns: ['id', 'displayName'], rows: [['S3.Public', null]] } });
  });

  it('filters by output_ids on the client side and says so when more pages exist', async () => {
    const other = { ...RULE, id: 'Other', outputIDs: ['dev-slack'] };
    const none = { ...RULE, id: 'None', outputIDs: undefined };
    const fake = createFakeClient(() => ({ results: [RULE, other, none], next: 'n2' }));
    const out = await runTool(listDetections, { output_ids: ['prod-slack'] }, fake);
    expect(recordsOf(out['rules'] as never).map((r) => r['id'])).toEqual(['AWS.Root.Login']);
    expect(fake.restCalls()[0]?.query).not.toHaveProperty('output-ids');
    expect(out['note']).toContain('2 detections on this page did not match');
  });

  it('rejects a cursor with several types, and type-specific filters without their type', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    await expect(
      runTool(listDetections, { detection_types: ['rules', 'policies'], cursor: 'x' }, fake),
    ).rejects.toThrow(/cursor.*exactly one/);
    await expect(
      runTool(listDetections, { detection_types: ['policies'], log_type: ['AWS.CloudTrail'] }, fake),
    ).rejects.toThrow(/log_type/);
    await expect(runTool(listDetections, { resource_type: ['AWS.S3.Bucket'] }, fake)).rejects.toThrow(
      /resource_type.*policies/,
    );
    await expect(runTool(listDetections, { compliance_status: 'PASS' }, fake)).rejects.toThrow(
      /compliance_status/,
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects unknown types, states and out-of-range limits in the schema', () => {
    expect(() => listDetections.input.parse({ detection_types: ['correlation_rules'] })).toThrow();
    expect(() => listDetections.input.parse({ detection_types: [] })).toThrow();
    expect(() => listDetections.input.parse({ state: 'on' })).toThrow();
    expect(() => listDetections.input.parse({ limit: 0 })).toThrow();
    expect(() => listDetections.input.parse({ limit: 1001 })).toThrow();
    expect(() => listDetections.input.parse({ severity: ['SEVERE'] })).toThrow();
  });

  it('ignores duplicate types and the literal cursor "null"', async () => {
    const fake = createFakeClient(() => ({ results: [] }));
    await runTool(listDetections, { detection_types: ['rules', 'rules'], cursor: 'null' }, fake);
    expect(fake.calls).toHaveLength(1);
    expect(fake.restCalls()[0]?.query?.['cursor']).toBeUndefined();
  });
});
