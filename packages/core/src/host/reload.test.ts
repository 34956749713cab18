import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../config/loadConfig.js';
import type { HostConfigInput } from '../config/schema.js';
import { definePack } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import type { PackDefinition } from '../define/types.js';
import { fakeClient, otherPack, thingsPack } from '../testdata/packs.js';
import { createTestHost, type TestHost } from '../testing/createTestHost.js';
import type { PackSource } from '../types.js';
import { restartOnlyChanges } from './reload.js';

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const sources = (...packs: unknown[]): PackSource[] =>
  packs.map((pack) => ({
    specifier: (pack as { id?: string }).id ?? 'broken',
    enabled: true,
    optional: false,
    config: undefined,
    pack,
  }));

const names = async (t: TestHost) => (await t.client.listTools()).tools.map((tool) => tool.name);

/** Counts the list_changed notifications the client receives. */
function listen(t: TestHost) {
  const seen = { tools: 0, prompts: 0, resources: 0 };
  t.client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    seen.tools += 1;
  });
  t.client.setNotificationHandler(PromptListChangedNotificationSchema, () => {
    seen.prompts += 1;
  });
  t.client.setNotificationHandler(ResourceListChangedNotificationSchema, () => {
    seen.resources += 1;
  });
  return seen;
}

/** Waits (bounded) until `check` holds: notifications arrive after the reload resolves. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const reload = (t: TestHost, config: HostConfigInput, ...packs: unknown[]) =>
  t.host.reload({ config: parseConfig({ packs: [], ...config }), packs: sources(...packs) });

describe('Host.reload', () => {
  it('adds and removes packs and applies a new policy, telling the connected client', async () => {
    host = await createTestHost({ packs: [thingsPack], panther: { client: fakeClient() } });
    const seen = listen(host);
    expect(await names(host)).toEqual(['fail_thing', 'list_things']);

    const added = await reload(host, {}, thingsPack, otherPack);
    expect(added).toMatchObject({ addedTools: ['get_other'], removedTools: [], sessions: 1 });
    await until(() => seen.tools === 1, 'tools/list_changed');
    expect(await names(host)).toEqual(['get_other', 'fail_thing', 'list_things']);

    const denied = await reload(host, { policy: { denyTools: ['fail_*'] } }, thingsPack, otherPack);
    expect(denied.removedTools).toEqual(['fail_thing']);
    await until(() => seen.tools === 2, 'a second tools/list_changed');
    expect(await names(host)).toEqual(['get_other', 'list_things']);
    expect((await host.call('fail_thing', { how: 'bug' })).content).toEqual([
      { type: 'text', text: 'MCP error -32602: Tool fail_thing not found' },
    ]);
    expect(host.host.config.policy.denyTools).toEqual(['fail_*']);

    // The same config again: nothing to tell.
    const same = await reload(host, { policy: { denyTools: ['fail_*'] } }, thingsPack, otherPack);
    expect(same.notified).toEqual({ tools: false, prompts: false, resources: false });

    // Without the things pack its prompt goes too.
    await reload(host, {}, otherPack);
    await until(() => seen.prompts === 1, 'prompts/list_changed');
    expect((await host.client.listPrompts()).prompts).toEqual([]);
    expect(seen.resources).toBe(0);
  });

  it('refuses a reload whose packs fail to load, and keeps serving the config in force', async () => {
    host = await createTestHost({ packs: [thingsPack], panther: { client: fakeClient() } });
    const seen = listen(host);
    await expect(reload(host, {}, thingsPack, { id: 'broken', tools: [] })).rejects.toMatchObject({
      code: 'PACK_INVALID',
    });
    expect(await names(host)).toEqual(['fail_thing', 'list_things']);
    expect((await host.call('list_things')).isError).toBeFalsy();
    expect(seen.tools).toBe(0);
  });

  it('lets calls in flight finish on what they started with', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slowPack: PackDefinition = definePack({
      id: 'slow',
      title: 'Slow',
      coreRange: '>=0.1.0',
      tools: [
        defineTool({
          name: 'slow_read',
          title: 'Slow read',
          description: 'Waits for the test.',
          access: 'read',
          permissions: [],
          input: z.object({}),
          async handler() {
            started();
            await gate;
            return { finished: true };
          },
        }),
      ],
    });
    host = await createTestHost({ packs: [slowPack], panther: { client: fakeClient() } });
    const call = host.call('slow_read');
    await running;
    await reload(host, {}, thingsPack);
    expect(await names(host)).toEqual(['fail_thing', 'list_things']);
    release();
    expect((await call).structuredContent).toEqual({ finished: true });
    expect((await host.call('slow_read')).isError).toBe(true);
  });

  it('applies the mode and confirmWrites of the new policy to the next calls', async () => {
    host = await createTestHost({ packs: [thingsPack], panther: { client: fakeClient() } });
    await reload(host, { policy: { mode: 'read-write' } }, thingsPack);
    expect(await names(host)).toContain('update_thing');
    expect((await host.call('update_thing', { id: 'a', status: 'OPEN' })).isError).toBeFalsy();
    expect(host.confirmations).toHaveLength(1);
    await reload(host, { policy: { mode: 'read-write', confirmWrites: 'never' } }, thingsPack);
    expect((await host.call('update_thing', { id: 'a', status: 'OPEN' })).isError).toBeFalsy();
    expect(host.confirmations).toHaveLength(1);
    expect(host.host.instructions).toContain('Mode: read-write');
  });
});

describe('restartOnlyChanges', () => {
  it('names the changed fields a reload does not apply', () => {
    const before = parseConfig({ packs: ['a'] });
    const after = parseConfig({
      packs: ['b'],
      policy: { mode: 'read-write' },
      server: { port: 4000 },
      output: { maxResultChars: 5000 },
      reload: true,
    });
    expect(restartOnlyChanges(before, after)).toEqual(['output.maxResultChars', 'server.port']);
    expect(restartOnlyChanges(before, before)).toEqual([]);
  });
});
