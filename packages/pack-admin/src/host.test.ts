/**
 * The admin pack inside the real host pipeline (validation, policy filter, registration, error mapping),
 * driven through the SDK client, against the sandbox. Ids and secrets are read from its API.
 */
import { createTestHost, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, type SandboxTokenName, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminPack } from './index.js';

// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field in assertions.
type Result = Record<string, any>;

let sandbox: Sandbox;
let host: TestHost | undefined;
beforeAll(async () => {
  sandbox = await startSandbox({ events: 2_000, seed: 6 });
});
afterEach(async () => {
  await host?.close();
  host = undefined;
});
afterAll(async () => {
  await sandbox?.close();
});

async function start(token: SandboxTokenName): Promise<TestHost> {
  await host?.close();
  host = await createTestHost({
    packs: [adminPack],
    panther: { url: sandbox.url, token: sandbox.tokens[token] },
    policy: { mode: 'read-write' },
  });
  return host;
}

async function ok(h: TestHost, name: string, args: Record<string, unknown> = {}): Promise<Result> {
  const result = await h.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Result;
}

/** A REST answer straight from the sandbox, as the admin token sees it (what Panther would send us). */
async function raw(path: string): Promise<Result> {
  const response = await fetch(`${sandbox.url}${path}`, { headers: { 'X-API-Key': sandbox.tokens.admin } });
  expect(response.status).toBe(200);
  return (await response.json()) as Result;
}

describe('admin pack in the host', () => {
  it('shows each tool only to tokens with its permission; get_permissions to every token', async () => {
    // analyst: UserRead, LogSourceRead, SummaryRead (and more)
    expect((await (await start('analyst')).tools()).sort()).toEqual([
      'get_bytes_processed_per_log_type_and_source',
      'get_http_log_source',
      'get_permissions',
      'get_role',
      'get_user',
      'list_log_sources',
      'list_roles',
      'list_users',
    ]);
    // detectionEngineer: LogSourceRead and RuleRead, no UserRead or SummaryRead
    expect((await (await start('detectionEngineer')).tools()).sort()).toEqual([
      'get_http_log_source',
      'get_permissions',
      'list_log_sources',
    ]);
    expect(await (await start('noAccess')).tools()).toEqual(['get_permissions']);
  });

  it('answers get_permissions with console names, and an empty list for a token without permissions', async () => {
    expect((await ok(await start('detectionEngineer'), 'get_permissions'))['permissions'].sort()).toEqual([
      'Manage Policies',
      'Manage Rules',
      'Query Data Lake',
      'View Log Sources',
      'View Policies',
      'View Rules',
    ]);
    expect(await ok(await start('noAccess'), 'get_permissions')).toEqual({ permissions: [] });
  });

  it('never lets an HTTP source secret reach the tool result', async () => {
    const h = await start('detectionEngineer');
    const sources = (await ok(h, 'list_log_sources', { integration_type: 'http-ingest' }))['sources'];
    const withBearer = [];
    for (const source of sources as Result[]) {
      const upstream = await raw(`/log-sources/http/${source['integrationId']}`);
      if (upstream['authBearerToken']) withBearer.push({ id: source['integrationId'] as string, upstream });
    }
    expect(withBearer.length).toBeGreaterThan(0);
    const { id, upstream } = withBearer[0]!;
    const result = await h.call('get_http_log_source', { source_id: id });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result)).not.toContain(upstream['authBearerToken']);
    expect(result.structuredContent).toMatchObject({
      source: { integrationId: id, authMethod: upstream['authMethod'], authBearerToken: '[redacted]' },
    });
    expect((result.structuredContent as Result)['source']['hasSecret']).toBe(true);
    expect(h.logs.join('\n')).not.toContain(upstream['authBearerToken']);
  });

  it('lists healthy and unhealthy sources, and only unhealthy ones when asked', async () => {
    const h = await start('detectionEngineer');
    const all = (await ok(h, 'list_log_sources'))['sources'] as Result[];
    const unhealthy = (await ok(h, 'list_log_sources', { is_healthy: false }))['sources'] as Result[];
    expect(unhealthy.length).toBeGreaterThan(0);
    expect(unhealthy.every((s) => s['isHealthy'] === false)).toBe(true);
    expect(unhealthy.map((s) => s['integrationId'])).toEqual(
      all.filter((s) => s['isHealthy'] === false).map((s) => s['integrationId']),
    );
    expect(all.length).toBeGreaterThan(unhealthy.length);
  });

  it('maps a bad interval to a tool error, sending nothing', async () => {
    const h = await start('analyst');
    const requests = sandbox.stats.requests;
    const result = await h.call('get_bytes_processed_per_log_type_and_source', { interval_in_minutes: 45 });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('interval_in_minutes');
    expect(sandbox.stats.requests).toBe(requests);
  });

  it('maps a refusal from Panther (403) to a tool error naming the permission', async () => {
    const h = await createTestHost({
      packs: [adminPack],
      panther: { url: sandbox.url, token: sandbox.tokens.responder },
      policy: { hideUnpermittedTools: false },
    });
    try {
      const before = sandbox.stats.requestsByRoute['GET /users'] ?? 0;
      const result = await h.call('list_users');
      expect(result.isError).toBe(true);
      expect(sandbox.stats.requestsByRoute['GET /users']).toBe(before + 1);
      expect(result.content).toEqual([
        {
          type: 'text',
          text: 'list_users failed: Panther denied the request (403): Forbidden: this API token lacks the permission UserRead; the API token lacks a permission (list_users needs UserRead)',
        },
      ]);
    } finally {
      await h.close();
    }
  });
});
