import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VIEW_MIME_TYPE } from '../catalog/toolset.js';
import { definePack, defineView } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { checkPack } from '../loading/checkPack.js';
import { fakeClient } from '../testdata/packs.js';
import { createTestHost, type TestHost } from '../testing/createTestHost.js';
import { CALLABLE_META_KEY, CLIENT_CAPABILITIES_META_KEY, UI_EXTENSION } from './views.js';

let loads = 0;
const boardView = defineView({
  uri: 'ui://gadgets/board',
  title: 'Gadget board',
  description: 'Gadgets on a board.',
  calls: ['list_gadgets', 'move_gadget', 'gadget_details', 'not_a_tool'],
  html: async () => {
    loads++;
    return '<!doctype html><html><head></head><body>board</body></html>';
  },
});

const listGadgets = defineTool({
  name: 'list_gadgets',
  title: 'List gadgets',
  description: 'All gadgets.',
  access: 'read',
  permissions: ['AlertRead'],
  view: boardView,
  input: z.object({}),
  async handler() {
    return { gadgets: ['a', 'b'] };
  },
});

const gadgetDetails = defineTool({
  name: 'gadget_details',
  title: 'Gadget details',
  description: 'What the board shows of one gadget.',
  access: 'read',
  permissions: ['AlertRead'],
  view: boardView,
  visibility: ['app'],
  input: z.object({ id: z.string() }),
  async handler({ id }) {
    return { id, parts: 3 };
  },
});

const moveGadget = defineTool({
  name: 'move_gadget',
  title: 'Move gadget',
  description: 'Moves a gadget.',
  access: 'write',
  destructive: false,
  idempotent: true,
  permissions: ['AlertModify'],
  view: boardView,
  visibility: ['app'],
  input: z.object({ id: z.string() }),
  async handler({ id }) {
    return { moved: id };
  },
});

const pack = definePack({
  id: 'gadgets',
  title: 'Gadgets',
  coreRange: '>=0.1.0',
  tools: [listGadgets, gadgetDetails, moveGadget],
});

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const start = (options: Partial<Parameters<typeof createTestHost>[0]> = {}) =>
  createTestHost({ packs: [pack], panther: { client: fakeClient() }, ...options });

describe('MCP Apps views', () => {
  it('a client without the extension gets no view, no _meta and no app-only tool', async () => {
    host = await start({ policy: { mode: 'read-write' } });
    const { tools } = await host.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['list_gadgets']);
    expect(tools[0]!._meta).toBeUndefined();
    expect((await host.client.listResources()).resources.map((r) => r.uri)).toEqual(['config://panther']);
    await expect(host.client.readResource({ uri: 'ui://gadgets/board' })).rejects.toThrow(/not found/);
    const result = await host.call('list_gadgets');
    expect(result._meta?.[CALLABLE_META_KEY]).toBeUndefined();
    expect((await host.call('gadget_details', { id: 'a' })).content).toEqual([
      { type: 'text', text: 'MCP error -32602: Tool gadget_details not found' },
    ]);
  });

  it('a client with the extension gets the links, the view resource (loaded once) and the app-only helpers', async () => {
    host = await start({ policy: { mode: 'read-write', confirmWrites: 'never' }, views: true });
    const { tools } = await host.client.listTools();
    expect(Object.fromEntries(tools.map((t) => [t.name, t._meta]))).toEqual({
      list_gadgets: { ui: { resourceUri: 'ui://gadgets/board' } },
      gadget_details: { ui: { resourceUri: 'ui://gadgets/board', visibility: ['app'] } },
      move_gadget: { ui: { resourceUri: 'ui://gadgets/board', visibility: ['app'] } },
    });
    const { resources } = await host.client.listResources();
    expect(resources).toContainEqual({
      uri: 'ui://gadgets/board',
      name: 'gadgets-board',
      title: 'Gadget board',
      description: 'Gadgets on a board.',
      mimeType: VIEW_MIME_TYPE,
    });
    const before = loads;
    for (let i = 0; i < 2; i++) {
      const read = await host.client.readResource({ uri: 'ui://gadgets/board' });
      expect(read.contents).toEqual([
        {
          uri: 'ui://gadgets/board',
          mimeType: VIEW_MIME_TYPE,
          text: '<!doctype html><html><head></head><body>board</body></html>',
          _meta: { ui: { csp: { connectDomains: [], resourceDomains: [] } } },
        },
      ]);
    }
    expect(loads - before).toBeLessThanOrEqual(1);
    // The linked tool's result names what this caller's view may call (only tools it has).
    expect((await host.call('list_gadgets'))._meta?.[CALLABLE_META_KEY]).toEqual([
      'list_gadgets',
      'move_gadget',
      'gadget_details',
    ]);
    expect((await host.call('gadget_details', { id: 'a' })).structuredContent).toEqual({ id: 'a', parts: 3 });
  });

  it('views.enabled off: a client with the extension gets what one without it gets', async () => {
    host = await start({ policy: { mode: 'read-write' }, views: true });
    const served = await host.client.listTools();
    await host.close();
    host = await start({
      policy: { mode: 'read-write' },
      views: true,
      config: { views: { enabled: false } },
    });
    const { tools } = await host.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['list_gadgets']);
    expect(tools[0]).toEqual({ ...served.tools.find((t) => t.name === 'list_gadgets'), _meta: undefined });
    expect((await host.client.listResources()).resources.map((r) => r.uri)).toEqual(['config://panther']);
    await expect(host.client.readResource({ uri: 'ui://gadgets/board' })).rejects.toThrow(/not found/);
    expect((await host.call('list_gadgets'))._meta?.[CALLABLE_META_KEY]).toBeUndefined();
  });

  it('capabilities a request states in its _meta decide for that request, over those declared at initialize', async () => {
    host = await start({ policy: { mode: 'read-write' } });
    const stated = (capabilities: object) => ({ [CLIENT_CAPABILITIES_META_KEY]: capabilities });
    const ui = { extensions: { [UI_EXTENSION]: { mimeTypes: [VIEW_MIME_TYPE] } } };
    const { tools } = await host.client.listTools({ _meta: stated(ui) });
    expect(tools.map((t) => t.name).sort()).toEqual(['gadget_details', 'list_gadgets', 'move_gadget']);
    const read = await host.client.readResource({ uri: 'ui://gadgets/board', _meta: stated(ui) });
    expect(read.contents).toHaveLength(1);
    const result = await host.client.callTool({ name: 'list_gadgets', arguments: {}, _meta: stated(ui) });
    expect(result._meta?.[CALLABLE_META_KEY]).toEqual(['list_gadgets', 'move_gadget', 'gadget_details']);
    // Another MIME type, or no extension, is no view.
    const other = { extensions: { [UI_EXTENSION]: { mimeTypes: ['text/html'] } } };
    expect((await host.client.listTools({ _meta: stated(other) })).tools.map((t) => t._meta)).toEqual([
      undefined,
    ]);
    await host.close();

    host = await start({ views: true });
    expect((await host.client.listTools({ _meta: stated({}) })).tools.map((t) => t.name)).toEqual([
      'list_gadgets',
    ]);
  });

  it('policy governs views: a read-only caller’s view may call no write, a hidden tool hides its view', async () => {
    host = await start({ views: true });
    expect((await host.tools()).sort()).toEqual(['gadget_details', 'list_gadgets']);
    expect((await host.call('list_gadgets'))._meta?.[CALLABLE_META_KEY]).toEqual([
      'list_gadgets',
      'gadget_details',
    ]);
    expect((await host.call('move_gadget', { id: 'a' })).isError).toBe(true);
    await host.close();

    host = await start({ views: true, policy: { denyTools: ['list_gadgets', 'gadget_details'] } });
    expect(await host.tools()).toEqual([]);
    expect((await host.client.listResources()).resources.map((r) => r.uri)).toEqual(['config://panther']);
    await expect(host.client.readResource({ uri: 'ui://gadgets/board' })).rejects.toThrow(/not found/);
  });

  it('an app-only write is audited and confirmed like any write', async () => {
    const lines: string[] = [];
    host = await start({
      views: true,
      policy: { mode: 'read-write', confirmWrites: 'always' },
      parts: { auditSink: () => ({ write: async (line) => void lines.push(line), close: async () => {} }) },
    });
    const result = await host.call('move_gadget', { id: 'g1' });
    expect(result.structuredContent).toEqual({ moved: 'g1' });
    expect(host.confirmations).toHaveLength(1);
    const records = lines.map((line) => JSON.parse(line) as { tool?: string; phase?: string });
    expect(records.filter((r) => r.tool === 'move_gadget').length).toBeGreaterThanOrEqual(2);
  });

  it('checkPack names what is wrong with a view', () => {
    const bad = definePack({
      id: 'bad',
      title: 'Bad',
      coreRange: '>=0.1.0',
      tools: [
        defineTool({
          ...listGadgets,
          view: defineView({ uri: 'http://x/y', title: '', html: 'no' as never }),
        }),
        defineTool({ ...gadgetDetails, name: 'no_view', view: undefined as never }),
      ],
    });
    expect(checkPack(bad).problems).toEqual([
      'tool "list_gadgets": view uri "http://x/y" must look like ui://<name>/<view> (lower case)',
      'tool "list_gadgets": view title must be a non-empty string',
      'tool "list_gadgets": view html must be a function returning the HTML',
      'tool "no_view": visibility needs a view (it says who may call the tool: the model, its view, or both)',
    ]);
  });
});
