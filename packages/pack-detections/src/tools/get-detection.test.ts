import { PantherApiError } from '@mcp-panther/core';
import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getDetection from './get-detection.js';

const notFound = () => new PantherApiError('NOT_FOUND', 'not found', { status: 404 });

describe('get_detection', () => {
  it('returns the full rule, body and tests included, under its singular key', async () => {
    const rule = { id: 'R 1', body: 'def rule(e): return True', tests: [{ name: 't' }], enabled: true };
    const fake = createFakeClient(() => rule);
    const out = await runTool(getDetection, { detection_id: 'R 1' }, fake);
    expect(out).toEqual({ rule });
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/rules/R%201',
      cacheKind: 'detections',
    });
  });

  it('leaves out null and empty-text fields, or keeps only the id and the fields asked for', async () => {
    const rule = {
      id: 'R',
      body: 'x',
      runbook: '',
      inlineFilters: null,
      outputIDs: [],
      tests: [{ name: 't', mocks: [] }],
    };
    const fake = createFakeClient(() => rule);
    expect(await runTool(getDetection, { detection_id: 'R' }, fake)).toEqual({
      rule: { id: 'R', body: 'x', outputIDs: [], tests: [{ name: 't', mocks: [] }] },
    });
    expect(await runTool(getDetection, { detection_id: 'R', fields: ['tests', 'runbook'] }, fake)).toEqual({
      rule: { id: 'R', tests: [{ name: 't', mocks: [] }] },
    });
  });

  it('refuses unknown fields, naming the allowed ones', () => {
    const parsed = getDetection.input.safeParse({ detection_id: 'R', fields: ['code'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(
      /^must name fields from id, severity, enabled, displayName, .*body, tests.* \(unknown: "code"\)$/,
    );
  });

  it('looks in several types concurrently and lists where it was not found', async () => {
    const release: (() => void)[] = [];
    const fake = createFakeClient(
      (call) =>
        new Promise((resolve, reject) => {
          release.push(() =>
            call.kind === 'rest' && call.request.path.startsWith('/policies/')
              ? resolve({ id: 'P', resourceTypes: [] })
              : reject(notFound()),
          );
        }),
    );
    const pending = runTool(
      getDetection,
      { detection_id: 'P', detection_type: ['rules', 'simple_rules', 'policies'] },
      fake,
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.calls).toHaveLength(3);
    for (const r of release) r();
    expect(await pending).toEqual({
      policy: { id: 'P', resourceTypes: [] },
      not_found_in_types: ['rules', 'simple_rules'],
    });
  });

  it('throws a clear not-found error when no type has the id', async () => {
    const fake = createFakeClient(() => {
      throw notFound();
    });
    await expect(
      runTool(getDetection, { detection_id: 'nope', detection_type: ['rules', 'policies'] }, fake),
    ).rejects.toThrow('No detection with id "nope" in rules, policies.');
  });

  it('passes other upstream errors through', async () => {
    const fake = createFakeClient(() => {
      throw new PantherApiError('PERMISSION', 'forbidden', { status: 403 });
    });
    await expect(runTool(getDetection, { detection_id: 'x' }, fake)).rejects.toMatchObject({
      code: 'PERMISSION',
    });
  });

  it('requires a detection id', () => {
    expect(() => getDetection.input.parse({})).toThrow();
    expect(() => getDetection.input.parse({ detection_id: '' })).toThrow();
  });
});
