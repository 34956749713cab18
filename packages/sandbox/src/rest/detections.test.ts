import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPages, startTestSandbox, type TestSandbox } from '../testing/harness.js';

let sb: TestSandbox;
// biome-ignore lint/suspicious/noExplicitAny: REST JSON
type Json = any;

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});

describe('detection lists', () => {
  it('serves 100+ detections of the four kinds, with bodies and tests', async () => {
    let total = 0;
    for (const kind of ['rules', 'scheduled-rules', 'simple-rules', 'policies']) {
      const items = (await collectPages(sb, `/${kind}`)) as Json[];
      expect(items.length, kind).toBeGreaterThan(4);
      total += items.length;
      for (const item of items) {
        expect(typeof item.id).toBe('string');
        expect(item.tests.length).toBeGreaterThan(0);
        expect(typeof (kind === 'simple-rules' ? item.detection : item.body)).toBe('string');
      }
    }
    expect(total).toBeGreaterThanOrEqual(100);
  });

  it('pages with limit and cursor', async () => {
    const first = await sb.rest('/rules?limit=10');
    expect(first.json.results).toHaveLength(10);
    expect(first.json.next).toEqual(expect.any(String));
    const all = (await collectPages(sb, '/rules?limit=10')) as Json[];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect((await sb.rest('/rules?limit=0')).status).toBe(400);
  });

  it('filters by name, state, severity, tag and log type', async () => {
    const okta = (await collectPages(sb, '/rules?name-contains=okta')) as Json[];
    expect(okta.length).toBeGreaterThan(3);
    expect(okta.every((r) => `${r.id} ${r.displayName}`.toLowerCase().includes('okta'))).toBe(true);
    const disabled = (await collectPages(sb, '/rules?state=disabled')) as Json[];
    expect(disabled.length).toBeGreaterThan(0);
    expect(disabled.every((r) => r.enabled === false)).toBe(true);
    const critical = (await collectPages(sb, '/rules?severity=CRITICAL&severity=HIGH')) as Json[];
    expect(critical.every((r) => ['CRITICAL', 'HIGH'].includes(r.severity))).toBe(true);
    const tagged = (await collectPages(sb, '/rules?tag=github')) as Json[];
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((r) => r.tags.some((t: string) => t.toLowerCase() === 'github'))).toBe(true);
    const vpc = (await collectPages(sb, '/rules?log-type=AWS.VPCFlow')) as Json[];
    expect(vpc.length).toBeGreaterThan(0);
    expect(vpc.every((r) => r.logTypes.includes('AWS.VPCFlow'))).toBe(true);
    expect((await sb.rest('/rules?state=on')).status).toBe(400);
  });

  it('filters scheduled rules by query and policies by resource type and compliance', async () => {
    const scheduled = (await collectPages(
      sb,
      '/scheduled-rules?scheduled-query=GitHub%20Clones%20Per%20Actor%20Hourly',
    )) as Json[];
    expect(scheduled.map((r) => r.id)).toEqual(['GitHub.Repo.MassClone']);
    const buckets = (await collectPages(sb, '/policies?resource-type=AWS.S3.Bucket')) as Json[];
    expect(buckets.length).toBeGreaterThan(2);
    expect(buckets.every((p) => p.resourceTypes.includes('AWS.S3.Bucket'))).toBe(true);
    const failing = (await collectPages(sb, '/policies?compliance-status=FAIL')) as Json[];
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((p) => p.complianceStatus === 'FAIL')).toBe(true);
  });

  it('filters by author and editor', async () => {
    const [rule] = (await sb.rest('/rules?limit=1')).json.results as Json[];
    const byAuthor = (await collectPages(sb, `/rules?created-by=${rule.createdBy.id}`)) as Json[];
    expect(byAuthor.every((r) => r.createdBy.id === rule.createdBy.id)).toBe(true);
    const byEditor = (await collectPages(sb, `/rules?last-modified-by=${rule.lastModifiedBy.id}`)) as Json[];
    expect(byEditor.every((r) => r.lastModifiedBy.id === rule.lastModifiedBy.id)).toBe(true);
    expect(byEditor.map((r) => r.id)).toContain(rule.id);
  });

  it('returns the generated Python of simple rules on request', async () => {
    const [plain] = (await sb.rest('/simple-rules?limit=1')).json.results as Json[];
    expect(plain.pythonBody).toBeUndefined();
    const withPython = await sb.rest(`/simple-rules/${plain.id}?include-python=true`);
    expect(withPython.json.pythonBody).toContain('def rule(event)');
  });

  it('checks permissions per kind', async () => {
    expect((await sb.rest('/rules', { token: 'responder' })).status).toBe(403);
    expect((await sb.rest('/policies', { token: 'analyst' })).status).toBe(200);
    expect((await sb.rest('/policies', { token: 'noAccess' })).json.message).toContain('PolicyRead');
  });
});

describe('GET and PUT of one detection', () => {
  it('returns a detection or 404', async () => {
    const rule = await sb.rest('/rules/AWS.Console.LoginWithoutMFA');
    expect(rule.status).toBe(200);
    expect(rule.json).toMatchObject({ id: 'AWS.Console.LoginWithoutMFA', severity: 'HIGH', enabled: true });
    expect(rule.json.body).toContain('def rule(event)');
    expect((await sb.rest('/rules/No.Such.Rule')).status).toBe(404);
  });

  it('disables a rule the way clients do: GET, flip enabled, PUT the whole object back', async () => {
    const rule = (await sb.rest('/rules/Okta.BruteForceLogins')).json;
    const put = await sb.rest('/rules/Okta.BruteForceLogins?run-tests-first=false', {
      token: 'detectionEngineer',
      method: 'PUT',
      body: { ...rule, enabled: false, pythonBody: 'ignored', createdAt: '1999-01-01T00:00:00Z' },
    });
    expect(put.status).toBe(200);
    expect(put.json.enabled).toBe(false);
    expect(put.json.createdAt).toBe(rule.createdAt);
    expect(put.json.lastModifiedBy).toEqual({ id: 'sbx-token-detectionEngineer', type: 'api-token' });
    expect((await sb.rest('/rules/Okta.BruteForceLogins')).json.enabled).toBe(false);
    const disabled = (await collectPages(sb, '/rules?state=disabled')) as Json[];
    expect(disabled.map((r) => r.id)).toContain('Okta.BruteForceLogins');
  });

  it('runs the checks it can on tests unless run-tests-first=false', async () => {
    const policy = (await sb.rest('/policies/AWS.KMS.Key.RotationEnabled')).json;
    const broken = { ...policy, tests: [{ name: 'bad', expectedResult: true, resource: '{not json' }] };
    const tested = await sb.rest('/policies/AWS.KMS.Key.RotationEnabled', { method: 'PUT', body: broken });
    expect(tested.status).toBe(400);
    expect(tested.json.testResults[0]).toMatchObject({ name: 'bad', passed: false });
    const skipped = await sb.rest('/policies/AWS.KMS.Key.RotationEnabled?run-tests-first=false', {
      method: 'PUT',
      body: broken,
    });
    expect(skipped.status).toBe(200);
    const only = await sb.rest('/policies/AWS.KMS.Key.RotationEnabled?run-tests-only=true', {
      method: 'PUT',
      body: policy,
    });
    expect(only.status).toBe(204);
  });

  it('validates the body and the permission', async () => {
    const rule = (await sb.rest('/rules/GitHub.Repo.MadePublic')).json;
    expect(
      (await sb.rest('/rules/GitHub.Repo.MadePublic', { token: 'analyst', method: 'PUT', body: rule }))
        .status,
    ).toBe(403);
    const badSeverity = await sb.rest('/rules/GitHub.Repo.MadePublic', {
      method: 'PUT',
      body: { ...rule, severity: 'URGENT' },
    });
    expect(badSeverity.status).toBe(400);
    const otherId = await sb.rest('/rules/GitHub.Repo.MadePublic', {
      method: 'PUT',
      body: { ...rule, id: 'Other' },
    });
    expect(otherId.status).toBe(400);
    const created = await sb.rest('/rules/Acme.New.Rule', {
      method: 'PUT',
      body: { severity: 'LOW', body: 'def rule(event):\n    return False\n', logTypes: ['AWS.CloudTrail'] },
    });
    expect(created.status).toBe(201);
  });
});
