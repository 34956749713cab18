import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeClient, otherPack, thingsPack } from '../testdata/packs.js';
import { createTestHost, type TestHost } from './createTestHost.js';

let sandbox: Sandbox;
let host: TestHost | undefined;
beforeAll(async () => {
  sandbox = await startSandbox({ events: 2_000, seed: 3 });
});
afterEach(async () => {
  await host?.close();
  host = undefined;
});
afterAll(async () => {
  await sandbox?.close();
});

describe('createTestHost', () => {
  it('lists only read tools in read-only mode, sorted by pack then name', async () => {
    host = await createTestHost({ packs: [thingsPack, otherPack], panther: { client: fakeClient() } });
    expect(await host.tools()).toEqual(['get_other', 'fail_thing', 'list_things']);
    const result = await host.call('update_thing', { id: 'x', status: 'OPEN' });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([{ type: 'text', text: 'MCP error -32602: Tool update_thing not found' }]);
  });

  it('lists write tools in read-write mode, minus those the token lacks permissions for', async () => {
    host = await createTestHost({
      packs: [thingsPack, otherPack],
      panther: { client: fakeClient() },
      policy: { mode: 'read-write' },
    });
    expect(await host.tools()).toEqual(['get_other', 'fail_thing', 'list_things', 'update_thing']);
    expect(host.host.info().hidden_tools).toEqual([
      {
        name: 'delete_thing',
        pack: 'things',
        reason: 'permission',
        detail: 'the API token has none of RuleModify, PolicyModify',
      },
    ]);
  });

  it('calls a tool through the real pipeline and returns structured content', async () => {
    const client = fakeClient();
    host = await createTestHost({ packs: [thingsPack], panther: { client } });
    const result = await host.call('list_things', { page_size: 2 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ things: [{ id: 'a' }, { id: 'b' }], total: 3 });
    expect(result.content).toEqual([{ type: 'text', text: '{"things":[{"id":"a"},{"id":"b"}],"total":3}' }]);
    expect(client.requests.at(-1)).toMatchObject({ path: '/things', query: { severity: ['HIGH'] } });
  });

  it('passes pack config and leaves disabled packs unregistered', async () => {
    host = await createTestHost({
      packs: [thingsPack, otherPack],
      panther: { client: fakeClient() },
      packConfig: { things: { pageSize: 7 } },
      disabledPacks: ['other'],
    });
    expect(await host.tools()).toEqual(['fail_thing', 'list_things']);
    const result = await host.call('fail_thing', { how: 'progress' });
    expect(result.structuredContent).toEqual({ done: true, config: { pageSize: 7 } });
  });

  it('talks to a Panther given by URL and token, and filters tools by what the token holds', async () => {
    host = await createTestHost({
      packs: [thingsPack, otherPack],
      panther: { url: sandbox.url, token: sandbox.tokens.analyst },
      policy: { mode: 'read-write' },
    });
    expect(host.host.info().token_permissions).toContain('AlertRead');
    expect(host.host.info().token_permissions).not.toContain('AlertModify');
    expect(await host.tools()).toEqual(['get_other', 'fail_thing', 'list_things']);
    expect(host.host.info().hidden_tools).toEqual([
      {
        name: 'delete_thing',
        pack: 'things',
        reason: 'permission',
        detail: 'the API token has none of RuleModify, PolicyModify',
      },
      {
        name: 'update_thing',
        pack: 'things',
        reason: 'permission',
        detail: 'the API token lacks AlertModify',
      },
    ]);
    await host.close();

    host = await createTestHost({
      packs: [thingsPack, otherPack],
      panther: { url: sandbox.url, token: sandbox.tokens.responder },
      policy: { mode: 'read-write' },
    });
    expect(await host.tools()).toEqual(['fail_thing', 'list_things', 'update_thing']);
    await host.close();

    host = await createTestHost({
      packs: [thingsPack, otherPack],
      panther: { url: sandbox.url, token: sandbox.tokens.noAccess },
    });
    expect(host.host.info().token_permissions).toEqual([]);
    expect(await host.tools()).toEqual(['fail_thing']);
  });

  it('shows every tool, with a note, when Panther refuses the token (401)', async () => {
    const before = sandbox.stats.requests;
    host = await createTestHost({
      packs: [thingsPack, otherPack],
      panther: { url: sandbox.url, token: 'not-a-sandbox-token' },
    });
    expect(sandbox.stats.requests).toBeGreaterThan(before);
    expect(host.host.info().token_permissions).toBeNull();
    expect(host.host.info().token_permissions_note).toBe(
      'could not read the token permissions: Panther rejected the API token (HTTP 401): Unauthorized: missing or unknown X-API-Key',
    );
    expect(await host.tools()).toEqual(['get_other', 'fail_thing', 'list_things']);
  });
});
