/**
 * The admin pack inside the real host pipeline (validation, policy filter, registration, error mapping),
 * driven through the SDK client, with a recording fake Panther client.
 */
import type { PantherPermission } from '@mcp-panther/core';
import { createFakeClient, createTestHost, type TestHost } from '@mcp-panther/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { adminPack } from './index.js';

const SECRET = 'http-source-bearer-secret-value';

function fakePanther(permissions: readonly PantherPermission[]) {
  return createFakeClient((call) => {
    if (call.kind === 'graphql') {
      return {
        sources: {
          edges: [{ node: { integrationId: 's1', isHealthy: false } }],
          pageInfo: { hasNextPage: false },
        },
      };
    }
    const { path } = call.request;
    if (path === '/api-tokens/self') return { id: 't', name: 'test', permissions };
    if (path === '/log-sources/http/h1')
      return { integrationId: 'h1', authMethod: 'Bearer', authBearerToken: SECRET };
    throw new Error(`unexpected ${path}`);
  });
}

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(permissions: readonly PantherPermission[]) {
  host = await createTestHost({
    packs: [adminPack],
    panther: { client: fakePanther(permissions).client },
    policy: { mode: 'read-write' },
  });
  return host;
}

describe('admin pack in the host', () => {
  it('shows each tool only to tokens with its permission; get_permissions to every token', async () => {
    expect((await (await start(['UserRead', 'LogSourceRead', 'SummaryRead'])).tools()).sort()).toEqual([
      'get_bytes_processed_per_log_type_and_source',
      'get_http_log_source',
      'get_permissions',
      'get_role',
      'get_user',
      'list_log_sources',
      'list_roles',
      'list_users',
    ]);
    await host?.close();
    expect((await (await start(['LogSourceRead', 'RuleRead'])).tools()).sort()).toEqual([
      'get_http_log_source',
      'get_permissions',
      'list_log_sources',
    ]);
    await host?.close();
    expect(await (await start([])).tools()).toEqual(['get_permissions']);
  });

  it('answers get_permissions with console names, and an empty list for a token without permissions', async () => {
    const withPerms = await start(['RuleRead', 'LogSourceRead']);
    expect((await withPerms.call('get_permissions')).structuredContent).toEqual({
      permissions: ['View Rules', 'View Log Sources'],
    });
    await withPerms.close();
    const none = await start([]);
    expect((await none.call('get_permissions')).structuredContent).toEqual({ permissions: [] });
  });

  it('never lets an HTTP source secret reach the tool result', async () => {
    const h = await start(['LogSourceRead']);
    const result = await h.call('get_http_log_source', { source_id: 'h1' });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.structuredContent).toEqual({
      source: { integrationId: 'h1', authMethod: 'Bearer', authBearerToken: '[redacted]', hasSecret: true },
    });
  });

  it('lists unhealthy sources by default', async () => {
    const h = await start(['LogSourceRead']);
    expect((await h.call('list_log_sources')).structuredContent).toEqual({
      sources: [{ integrationId: 's1', isHealthy: false }],
    });
  });

  it('maps a bad interval to a tool error', async () => {
    const h = await start(['SummaryRead']);
    const result = await h.call('get_bytes_processed_per_log_type_and_source', { interval_in_minutes: 45 });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('interval_in_minutes');
  });
});
