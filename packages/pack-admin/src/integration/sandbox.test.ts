/**
 * The admin pack through the real host pipeline (SDK client over an in-memory transport) against the sandbox.
 * Ids are discovered through the tools, never hard-coded.
 */
import { createTestHost, recordsOf, type TestHost } from '@mcp-panther/core/testing';
import {
  SANDBOX_TOKEN_PERMISSIONS,
  type Sandbox,
  type SandboxTokenName,
  startSandbox,
} from '@mcp-panther/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPack } from '../index.js';
import { permissionTitle } from '../support/permission-titles.js';

// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field in assertions.
type Result = Record<string, any>;

const ALL = [
  'get_bytes_processed_per_log_type_and_source',
  'get_http_log_source',
  'get_permissions',
  'get_role',
  'get_user',
  'list_log_sources',
  'list_roles',
  'list_users',
];

let sandbox: Sandbox;
let analyst: TestHost;
const hosts: TestHost[] = [];

async function hostFor(token: SandboxTokenName, mode: 'read-only' | 'read-write' = 'read-only') {
  const host = await createTestHost({
    packs: [adminPack],
    panther: { url: sandbox.url, token: sandbox.tokens[token] },
    policy: { mode },
  });
  hosts.push(host);
  return host;
}

async function ok(host: TestHost, name: string, args: Record<string, unknown> = {}): Promise<Result> {
  const result = await host.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Result;
}

async function fails(host: TestHost, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await host.call(name, args);
  expect(result.isError, `${name} should fail`).toBe(true);
  return (result.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
}

/** A REST answer straight from the sandbox, as the admin token sees it (what Panther would send us). */
async function raw(path: string): Promise<Result> {
  const response = await fetch(`${sandbox.url}${path}`, { headers: { 'X-API-Key': sandbox.tokens.admin } });
  expect(response.status).toBe(200);
  return (await response.json()) as Result;
}

beforeAll(async () => {
  sandbox = await startSandbox({ events: 1500, seed: 5 });
  analyst = await hostFor('analyst');
}, 120_000);

afterAll(async () => {
  for (const host of hosts) await host.close();
  await sandbox?.close();
});

describe('admin pack on the sandbox: tool visibility', () => {
  it('shows all eight tools to the admin and the analyst', async () => {
    expect((await (await hostFor('admin', 'read-write')).tools()).sort()).toEqual(ALL);
    expect((await analyst.tools()).sort()).toEqual(ALL);
  });

  it('shows the detection engineer the log-source tools (LogSourceRead) but no users, roles or metrics', async () => {
    expect((await (await hostFor('detectionEngineer', 'read-write')).tools()).sort()).toEqual([
      'get_http_log_source',
      'get_permissions',
      'list_log_sources',
    ]);
  });

  it('shows tokens without these permissions only get_permissions', async () => {
    expect(await (await hostFor('responder', 'read-write')).tools()).toEqual(['get_permissions']);
    expect(await (await hostFor('noAccess', 'read-write')).tools()).toEqual(['get_permissions']);
  });
});

describe('get_permissions on the sandbox', () => {
  it("names the token's permissions as Panther's console does", async () => {
    const out = await ok(analyst, 'get_permissions');
    expect(out['permissions']).toContain('View Rules');
    expect(out['permissions']).toContain('Read User Info');
    expect(out['permissions']).not.toContain('Manage Rules');
    expect([...out['permissions']].sort()).toEqual(
      SANDBOX_TOKEN_PERMISSIONS.analyst.map(permissionTitle).sort(),
    );
  });

  it('returns an empty list for a token without permissions', async () => {
    expect(await ok(await hostFor('noAccess'), 'get_permissions')).toEqual({ permissions: [] });
  });
});

describe('users and roles on the sandbox', () => {
  it('lists users, pages them and gets one', async () => {
    const out = await ok(analyst, 'list_users');
    const users = recordsOf(out['users']) as Result[];
    expect(users.length).toBeGreaterThan(1);
    const first = await ok(analyst, 'list_users', { limit: 1 });
    expect(first['users'].rows).toHaveLength(1);
    expect(typeof first['next_cursor']).toBe('string');
    const second = await ok(analyst, 'list_users', { limit: 1, cursor: first['next_cursor'] });
    expect(second['users'].rows[0][0]).not.toBe(first['users'].rows[0][0]);

    const user = await ok(analyst, 'get_user', { user_id: users[0]!['id'] });
    expect(user['user']).toMatchObject({ id: users[0]!['id'], email: users[0]!['email'] });
    expect(await fails(analyst, 'get_user', { user_id: 'nobody@example.invalid' })).toContain('Not found');
    expect(await fails(analyst, 'list_users', { limit: 61 })).toContain('limit');
  });

  it('lists roles with filters and sort direction, and gets one', async () => {
    const asc = (await ok(analyst, 'list_roles'))['roles'] as Result[];
    expect(asc.length).toBeGreaterThan(1);
    expect(
      asc.every((r) => Array.isArray(r['permissions']) && typeof r['logTypeAccessKind'] === 'string'),
    ).toBe(true);
    const desc = (await ok(analyst, 'list_roles', { sort_dir: 'desc' }))['roles'] as Result[];
    expect(desc.map((r) => r['id'])).toEqual(asc.map((r) => r['id']).reverse());

    const role = asc[0]!;
    const name = role['name'] as string;
    const byName = (await ok(analyst, 'list_roles', { name: name.toUpperCase() }))['roles'] as Result[];
    expect(byName.map((r) => r['id'])).toEqual([role['id']]);
    const contains = (await ok(analyst, 'list_roles', { name_contains: name.slice(1, 4) }))[
      'roles'
    ] as Result[];
    expect(contains.map((r) => r['id'])).toContain(role['id']);
    const byIds = (await ok(analyst, 'list_roles', { role_ids: [asc[0]!['id'], asc[1]!['id']] }))[
      'roles'
    ] as Result[];
    expect(byIds.map((r) => r['id']).sort()).toEqual([asc[0]!['id'], asc[1]!['id']].sort());

    const got = await ok(analyst, 'get_role', { role_id: role['id'] });
    expect(got['role']).toMatchObject({ id: role['id'], name, permissions: role['permissions'] });
    expect(await fails(analyst, 'list_roles', { sort_dir: 'sideways' })).toContain('sort_dir');
  });
});

describe('log sources on the sandbox', () => {
  it('lists healthy and unhealthy sources unless is_healthy is given', async () => {
    const all = (await ok(analyst, 'list_log_sources'))['sources'] as Result[];
    expect(all.some((s) => s['isHealthy'] === false)).toBe(true);
    expect(all.some((s) => s['isHealthy'] === true)).toBe(true);
    const healthy = (await ok(analyst, 'list_log_sources', { is_healthy: true }))['sources'] as Result[];
    const unhealthy = (await ok(analyst, 'list_log_sources', { is_healthy: false }))['sources'] as Result[];
    expect(healthy.every((s) => s['isHealthy'] === true)).toBe(true);
    expect(unhealthy.every((s) => s['isHealthy'] === false)).toBe(true);
    expect(healthy.length + unhealthy.length).toBe(all.length);
  });

  it('filters by integration type and log types, and returns S3 details', async () => {
    const http = (await ok(analyst, 'list_log_sources', { integration_type: 'http-ingest' }))[
      'sources'
    ] as Result[];
    expect(http.length).toBeGreaterThan(0);
    expect(http.every((s) => s['integrationType'] === 'http-ingest')).toBe(true);
    const trail = (await ok(analyst, 'list_log_sources', { log_types: ['AWS.CloudTrail'] }))[
      'sources'
    ] as Result[];
    expect(trail.length).toBeGreaterThan(0);
    expect(trail.every((s) => (s['logTypes'] as string[]).includes('AWS.CloudTrail'))).toBe(true);
    const s3 = (await ok(analyst, 'list_log_sources', { integration_type: 'aws-s3' }))['sources'] as Result[];
    expect(s3.length).toBeGreaterThan(0);
    expect(s3.every((s) => typeof s['s3Bucket'] === 'string')).toBe(true);
  });

  it('never returns the secrets of HTTP sources, and says whether one is set', async () => {
    const http = (await ok(analyst, 'list_log_sources', { integration_type: 'http-ingest' }))[
      'sources'
    ] as Result[];
    for (const source of http) {
      const id = source['integrationId'] as string;
      const upstream = await raw(`/log-sources/http/${id}`);
      const secrets = ['authBearerToken', 'authPassword', 'authSecretValue']
        .map((key) => upstream[key])
        .filter((v): v is string => typeof v === 'string' && v.length > 0);
      expect(secrets.length, id).toBeGreaterThan(0);

      const result = await analyst.call('get_http_log_source', { source_id: id });
      expect(result.isError).toBeFalsy();
      const text = JSON.stringify(result);
      for (const secret of secrets) expect(text).not.toContain(secret);
      const out = result.structuredContent as Result;
      expect(out['source']).toMatchObject({
        integrationId: id,
        authMethod: upstream['authMethod'],
        hasSecret: true,
      });
    }
    // Nor in what the host logged.
    for (const line of analyst.logs) expect(line).not.toMatch(/sandbox-(bearer|hmac-secret)-/);
  });

  it('reports an unknown HTTP source clearly', async () => {
    const text = await fails(analyst, 'get_http_log_source', {
      source_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(text).toContain('Not found');
  });
});

describe('get_bytes_processed_per_log_type_and_source on the sandbox', () => {
  it('returns bytes per log type for the last 7 days and their total', async () => {
    const out = await ok(analyst, 'get_bytes_processed_per_log_type_and_source');
    const series = out['bytes_processed'] as { label: string; value: number; breakdown: object }[];
    expect(series.length).toBeGreaterThan(0);
    expect(out['total_bytes']).toBe(series.reduce((sum, s) => sum + s.value, 0));
    expect(out['interval_in_minutes']).toBe(1440);
    const days = (Date.parse(out['end_date']) - Date.parse(out['start_date'])) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(7);
    expect(days).toBeLessThan(7.05);
  });

  it('takes an explicit window and interval, and refuses bad ones', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 86_400_000);
    const out = await ok(analyst, 'get_bytes_processed_per_log_type_and_source', {
      start_date: start.toISOString(),
      end_date: end.toISOString(),
      interval_in_minutes: 60,
    });
    expect(out).toMatchObject({
      start_date: start.toISOString(),
      end_date: end.toISOString(),
      interval_in_minutes: 60,
    });
    expect(
      await fails(analyst, 'get_bytes_processed_per_log_type_and_source', { interval_in_minutes: 45 }),
    ).toContain('interval_in_minutes');
    expect(
      await fails(analyst, 'get_bytes_processed_per_log_type_and_source', { start_date: 'last tuesday' }),
    ).toContain('start_date');
  });
});
