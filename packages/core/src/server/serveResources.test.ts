import { PantherApiError } from '@mcp-panther/client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePack, defineResourceTemplate } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { fakeClient } from '../testdata/packs.js';
import { createTestHost, type TestHost } from '../testing/createTestHost.js';

const KINDS = ['widgets', 'sprockets'] as const;
const SECRET = 'panther-token-for-resources-0123';

const getGadget = defineTool({
  name: 'get_gadget',
  title: 'Get gadget',
  description: 'One gadget by kind and id.',
  access: 'read',
  permissions: ['AlertRead'],
  input: z.object({ gadget_id: z.string().min(1), kind: z.enum(KINDS) }),
  async handler({ gadget_id, kind }) {
    if (gadget_id === 'missing') throw new PantherApiError('NOT_FOUND', 'no such gadget', { status: 404 });
    return { gadget: { id: gadget_id, kind, note: gadget_id === 'leaky' ? `key ${SECRET}` : 'fine' } };
  },
});

const gadgetsPack = definePack({
  id: 'gadgets',
  title: 'Gadgets',
  coreRange: '>=0.1.0',
  tools: [getGadget],
  resources: [
    defineResourceTemplate({
      name: 'gadget',
      title: 'Gadget',
      description: 'One gadget, as get_gadget returns it.',
      uriTemplate: 'panther://gadgets/{kind}/{id}',
      tool: 'get_gadget',
      toolArguments: ({ kind, id }) => ({ gadget_id: id, kind }),
      values: { kind: KINDS },
      complete: {
        id: (value, { arguments: known }) =>
          [`${known['kind'] ?? 'any'}-1`, `${known['kind'] ?? 'any'}-2`, 'other'].filter((v) =>
            v.startsWith(value),
          ),
      },
    }),
  ],
});

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const start = (options: Partial<Parameters<typeof createTestHost>[0]> = {}) =>
  createTestHost({ packs: [gadgetsPack], panther: { client: fakeClient() }, ...options });

describe('resource templates', () => {
  it('lists a pack’s templates next to config://panther and reads a URI through the template’s tool', async () => {
    host = await start();
    const { resourceTemplates } = await host.client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      {
        name: 'gadget',
        title: 'Gadget',
        uriTemplate: 'panther://gadgets/{kind}/{id}',
        description: 'One gadget, as get_gadget returns it.',
        mimeType: 'application/json',
      },
    ]);
    expect((await host.client.listResources()).resources.map((r) => r.uri)).toEqual(['config://panther']);
    const read = await host.client.readResource({ uri: 'panther://gadgets/widgets/w%201' });
    expect(read.contents).toEqual([
      {
        uri: 'panther://gadgets/widgets/w%201',
        mimeType: 'application/json',
        text: JSON.stringify({ gadget: { id: 'w 1', kind: 'widgets', note: 'fine' } }),
      },
    ]);
    expect(host.host.info().available_resource_templates).toEqual(['panther://gadgets/{kind}/{id}']);
  });

  it('answers a missing object, a wrong variable and an unknown URI with clear errors', async () => {
    host = await start();
    await expect(host.client.readResource({ uri: 'panther://gadgets/widgets/missing' })).rejects.toThrow(
      /-32002.*Resource panther:\/\/gadgets\/widgets\/missing not found: .*no such gadget/,
    );
    await expect(host.client.readResource({ uri: 'panther://gadgets/gizmos/g1' })).rejects.toThrow(
      'Invalid resource URI panther://gadgets/gizmos/g1: {kind} must be one of widgets, sprockets (got "gizmos")',
    );
    await expect(host.client.readResource({ uri: 'panther://gadgets/widgets' })).rejects.toThrow(
      /-32002.*Resource panther:\/\/gadgets\/widgets not found/,
    );
    await expect(host.client.readResource({ uri: 'panther://gadgets/widgets/a/b' })).rejects.toThrow(
      /not found/,
    );
  });

  it('replaces secrets in what a read returns', async () => {
    host = await start({
      panther: { url: 'http://127.0.0.1:9', token: SECRET },
      policy: { hideUnpermittedTools: false },
    });
    const read = await host.client.readResource({ uri: 'panther://gadgets/widgets/leaky' });
    expect(JSON.stringify(read)).not.toContain(SECRET);
    expect(JSON.stringify(read)).toContain('[REDACTED]');
  });

  it('offers a template exactly where its tool is: not for a disabled pack, a denied tool or a missing permission', async () => {
    for (const options of [
      { disabledPacks: ['gadgets'] },
      { policy: { denyTools: ['get_*'] } },
      { panther: { client: fakeClient(['UserRead']) } },
    ]) {
      host = await start(options);
      expect((await host.client.listResourceTemplates()).resourceTemplates).toEqual([]);
      await expect(host.client.readResource({ uri: 'panther://gadgets/widgets/w1' })).rejects.toThrow(
        /not found/,
      );
      expect(host.host.info().available_resource_templates).toEqual([]);
      await host.close();
      host = undefined;
    }
  });

  it('completes variables from their fixed values, or with the template’s completer and the known variables', async () => {
    host = await start();
    const complete = async (name: string, value: string, known?: Record<string, string>) =>
      (
        await host!.client.complete({
          ref: { type: 'ref/resource', uri: 'panther://gadgets/{kind}/{id}' },
          argument: { name, value },
          ...(known ? { context: { arguments: known } } : {}),
        })
      ).completion.values;
    expect(await complete('kind', 'sp')).toEqual(['sprockets']);
    expect(await complete('id', 'sp', { kind: 'sprockets' })).toEqual(['sprockets-1', 'sprockets-2']);
    expect(await complete('id', 'o')).toEqual(['other']);
    await expect(
      host.client.complete({
        ref: { type: 'ref/resource', uri: 'panther://nope/{id}' },
        argument: { name: 'id', value: '' },
      }),
    ).rejects.toThrow('Resource template panther://nope/{id} not found');
  });
});
