import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, otherPack, thingsPack } from '../testdata/packs.js';
import { createTestHost, type TestHost } from './createTestHost.js';

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
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

  it('talks to a Panther given by URL and token', async () => {
    const { startFakePanther } = await import('./fakePanther.js');
    const panther = await startFakePanther();
    try {
      host = await createTestHost({
        packs: [thingsPack, otherPack],
        panther: { url: panther.url, token: panther.tokens.analyst },
      });
      expect(host.host.info().token_permissions).toContain('AlertRead');
      expect(await host.tools()).toEqual(['get_other', 'fail_thing', 'list_things']);
    } finally {
      await host?.close();
      host = undefined;
      await panther.close();
    }
  });
});
