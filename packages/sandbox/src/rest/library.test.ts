import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPages, startTestSandbox, type TestSandbox } from '../testing/harness.js';

let sb: TestSandbox;
// biome-ignore lint/suspicious/noExplicitAny: REST JSON
type Json = any;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});

describe('globals, data models and queries', () => {
  it('lists and gets global helpers', async () => {
    const all = (await collectPages(sb, '/globals')) as Json[];
    expect(all.map((g) => g.id)).toContain('panther_base_helpers');
    const filtered = (await collectPages(sb, '/globals?name-contains=AWS')) as Json[];
    expect(filtered.map((g) => g.id)).toEqual(['panther_aws_helpers']);
    const one = await sb.rest('/globals/panther_base_helpers');
    expect(one.json.body).toContain('def deep_get');
    expect((await sb.rest('/globals/nope')).status).toBe(404);
  });

  it('lists and gets data models', async () => {
    const all = (await collectPages(sb, '/data-models?limit=2')) as Json[];
    expect(all.length).toBe(4);
    const one = (await sb.rest('/data-models/Standard.AWS.CloudTrail')).json;
    expect(one.mappings).toContainEqual({ name: 'source_ip', path: 'sourceIPAddress' });
  });

  it('lists and gets scheduled and saved queries with UUID ids', async () => {
    const all = (await collectPages(sb, '/queries')) as Json[];
    expect(all.length).toBeGreaterThan(5);
    expect(all.every((q) => UUID.test(q.id))).toBe(true);
    expect(all.some((q) => q.schedule !== null && q.schedule.disabled === true)).toBe(true);
    expect(all.some((q) => q.schedule === null)).toBe(true);
    const one = await sb.rest(`/queries/${all[0].id}`);
    expect(one.json.sql).toContain('SELECT');
    expect((await sb.rest('/queries', { token: 'noAccess' })).status).toBe(403);
  });

  it('creates a saved query as POST /queries does (name and sql required, names unique)', async () => {
    const body = {
      name: 'Root logins today',
      sql: "SELECT eventName FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('1 d') LIMIT 1",
      description: 'hunt',
    };
    const created = await sb.rest('/queries', { method: 'POST', body });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ ...body, managed: false, schedule: null });
    expect(created.json.id).toMatch(UUID);
    expect((await sb.rest(`/queries/${created.json.id}`)).json).toEqual(created.json);
    const again = await sb.rest('/queries', { method: 'POST', body });
    expect([again.status, again.json.message]).toEqual([
      409,
      'A query named Root logins today already exists',
    ]);
    for (const [bad, message] of [
      [{ sql: 'SELECT 1' }, 'name is required'],
      [{ name: 'x' }, 'sql is required'],
      [{ name: 'x', sql: 'SELECT 1', schedule: { every: 5 } }, 'schedule has unknown fields: every'],
    ] as const) {
      const refused = await sb.rest('/queries', { method: 'POST', body: bad });
      expect([refused.status, refused.json.message]).toEqual([400, expect.stringContaining(message)]);
    }
    expect((await sb.rest('/queries', { method: 'POST', body, token: 'analyst' })).status).toBe(403);
  });

  it('keeps the scheduled queries runnable in the data lake', async () => {
    const all = (await collectPages(sb, '/queries')) as Json[];
    for (const query of all) {
      const start = await sb.gql<Json>(
        'mutation($sql: String!) { executeDataLakeQuery(input: {sql: $sql}) { id } }',
        {
          sql: query.sql,
        },
      );
      let status = 'running';
      let message = '';
      for (let i = 0; i < 100 && status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const poll = await sb.gql<Json>('query($id: ID!) { dataLakeQuery(id: $id) { status message } }', {
          id: start.data.executeDataLakeQuery.id,
        });
        ({ status, message } = poll.data.dataLakeQuery);
      }
      expect(status, `${query.name}: ${message}`).toBe('succeeded');
    }
  });
});

describe('users and roles', () => {
  it('lists users (max 60 per page) with filters', async () => {
    const all = (await collectPages(sb, '/users')) as Json[];
    expect(all.length).toBeGreaterThan(5);
    expect(all.every((u) => u.enabled)).toBe(true);
    const withDisabled = (await collectPages(sb, '/users?include-deactivated=true')) as Json[];
    expect(withDisabled.length).toBe(all.length + 1);
    expect((await sb.rest('/users?limit=61')).status).toBe(400);
    const alice = (await sb.rest('/users?email=ALICE.NGUYEN@acme.io')).json.results as Json[];
    expect(alice).toHaveLength(1);
    const contains = (await sb.rest('/users?contains=smith')).json.results as Json[];
    expect(contains.map((u) => u.familyName)).toEqual(['Smith']);
    const ids = (await sb.rest(`/users?ids=${all[0].id},${all[1].id}`)).json.results as Json[];
    expect(ids).toHaveLength(2);
    const one = await sb.rest(`/users/${all[0].id}`);
    expect(one.json.role).toEqual({ id: expect.any(String), name: expect.any(String) });
    expect((await sb.rest('/users/nope')).status).toBe(404);
  });

  it('lists roles by name, ids and direction', async () => {
    const asc = (await sb.rest('/roles')).json.results as Json[];
    const names = asc.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const desc = (await sb.rest('/roles?sort-dir=desc')).json.results as Json[];
    expect(desc.map((r) => r.name)).toEqual([...names].reverse());
    expect((await sb.rest('/roles?name=admin')).json.results.map((r: Json) => r.name)).toEqual(['Admin']);
    expect((await sb.rest('/roles?name-contains=analy')).json.results.map((r: Json) => r.name)).toEqual([
      'Analyst',
    ]);
    const byIds = (await sb.rest(`/roles?ids=${asc[0].id},${asc[1].id}`)).json.results as Json[];
    expect(byIds).toHaveLength(2);
    const one = (await sb.rest(`/roles/${asc[0].id}`)).json;
    expect(one.permissions.length).toBeGreaterThan(0);
    expect(['ALLOW', 'ALLOW_ALL', 'DENY', 'DENY_ALL']).toContain(one.logTypeAccessKind);
    expect((await sb.rest('/roles', { token: 'responder' })).status).toBe(403);
  });
});

describe('HTTP log sources', () => {
  it('returns an HTTP source with its auth secrets (for the client to redact)', async () => {
    const sources = await sb.gql<Json>('{ sources { edges { node { integrationId integrationType } } } }');
    const http = sources.data.sources.edges
      .map((e: Json) => e.node)
      .filter((s: Json) => s.integrationType === 'http-ingest');
    expect(http.length).toBe(2);
    const details = await Promise.all(http.map((s: Json) => sb.rest(`/log-sources/http/${s.integrationId}`)));
    const secrets = details.map((d) => d.json.authSecretValue ?? d.json.authBearerToken);
    expect(secrets.every((s) => typeof s === 'string' && s.startsWith('sandbox-'))).toBe(true);
    expect(details.map((d) => d.json.authMethod).sort()).toEqual(['Bearer', 'HMAC']);
    expect((await sb.rest('/log-sources/http/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await sb.rest('/log-sources/http/not-a-uuid')).status).toBe(400);
    expect((await sb.rest(`/log-sources/http/${http[0].integrationId}`, { token: 'responder' })).status).toBe(
      403,
    );
  });
});
