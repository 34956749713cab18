import { PantherApiError } from '@mcp-panther/core';
import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import disableDetection from './disable-detection.js';

const stored = {
  id: 'AWS.Root.Login',
  displayName: 'Root login',
  enabled: true,
  severity: 'HIGH',
  body: 'def rule(e): return True',
  tests: [{ name: 't', expectedResult: true, resource: '{}' }],
  createdAt: '2024-01-01T00:00:00Z',
  createdBy: { id: 'u1', type: 'user' },
  lastModified: '2024-01-02T00:00:00Z',
};

describe('disable_detection', () => {
  it('reads the rule fresh, PUTs it back with enabled=false and run-tests-first=false', async () => {
    const fake = createFakeClient((call) =>
      call.kind === 'rest' && call.request.method === 'PUT' ? { ...stored, enabled: false } : stored,
    );
    const out = await runTool(disableDetection, { detection_id: 'AWS.Root.Login' }, fake);
    const [get, put] = fake.restCalls();
    expect(get).toMatchObject({ method: 'GET', path: '/rules/AWS.Root.Login', cacheKind: 'none' });
    expect(put).toMatchObject({
      method: 'PUT',
      path: '/rules/AWS.Root.Login',
      query: { 'run-tests-first': 'false' },
      tags: ['detections', 'rules'],
    });
    expect(put?.body).toEqual({
      id: 'AWS.Root.Login',
      displayName: 'Root login',
      enabled: false,
      severity: 'HIGH',
      body: 'def rule(e): return True',
      tests: [{ name: 't', expectedResult: true, resource: '{}' }],
    });
    expect(out).toEqual({
      rule: {
        id: 'AWS.Root.Login',
        displayName: 'Root login',
        enabled: false,
        severity: 'HIGH',
        ...pickDates(),
      },
      changed: true,
    });
  });

  it('uses the path of each type, and no run-tests-first for policies', async () => {
    const fake = createFakeClient(() => ({ id: 'x', enabled: true }));
    await runTool(disableDetection, { detection_id: 'x', detection_type: 'scheduled_rules' }, fake);
    await runTool(disableDetection, { detection_id: 'x', detection_type: 'simple_rules' }, fake);
    await runTool(disableDetection, { detection_id: 'x', detection_type: 'policies' }, fake);
    const puts = fake.restCalls().filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual(['/scheduled-rules/x', '/simple-rules/x', '/policies/x']);
    expect(puts[0]?.query).toEqual({ 'run-tests-first': 'false' });
    expect(puts[1]?.query).toEqual({ 'run-tests-first': 'false' });
    expect(puts[2]).not.toHaveProperty('query');
    expect(puts[2]?.tags).toEqual(['detections', 'policies']);
  });

  it('leaves an already disabled detection alone', async () => {
    const fake = createFakeClient(() => ({ ...stored, enabled: false }));
    const out = await runTool(disableDetection, { detection_id: 'AWS.Root.Login' }, fake);
    expect(fake.restCalls().map((r) => r.method)).toEqual(['GET']);
    expect(out['changed']).toBe(false);
  });

  it('names the type and id when the detection does not exist', async () => {
    const fake = createFakeClient(() => {
      throw new PantherApiError('NOT_FOUND', 'not found', { status: 404 });
    });
    await expect(
      runTool(disableDetection, { detection_id: 'ghost', detection_type: 'policies' }, fake),
    ).rejects.toThrow('Policy "ghost" not found.');
    expect(fake.restCalls()).toHaveLength(1);
  });

  it('rejects an unknown detection type in the schema', () => {
    expect(() =>
      disableDetection.input.parse({ detection_id: 'x', detection_type: 'correlation_rules' }),
    ).toThrow();
    expect(() => disableDetection.input.parse({ detection_id: 'x', detection_type: ['rules'] })).toThrow();
  });

  it('is a destructive, idempotent write that needs RuleModify or PolicyModify', () => {
    expect(disableDetection.access).toBe('write');
    expect(disableDetection.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(disableDetection.permissions).toEqual({ anyOf: ['RuleModify', 'PolicyModify'] });
  });
});

function pickDates() {
  return { createdAt: stored.createdAt, createdBy: stored.createdBy, lastModified: stored.lastModified };
}
