/**
 * What a pack reaches of the protocol through its ToolContext and definitions, through the real host pipeline:
 * elicitation and sampling from a handler, resource subscriptions and their update notices, fixed resources,
 * prompts made of content blocks, and a tool's declared JSON Schema dialect.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  CreateMessageRequestSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contentOutput, imageContent, textContent } from '../define/content.js';
import { definePack, definePrompt, defineResourceTemplate } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { fakeClient } from '../testdata/packs.js';
import { createTestHost, type TestHost } from '../testing/createTestHost.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const WATCHED = 'acme://things/watched';

const askSeverity = defineTool({
  name: 'ask_severity',
  title: 'Ask severity',
  description: 'Asks the person for a severity.',
  access: 'read',
  permissions: [],
  input: z.object({}),
  output: contentOutput,
  async handler(_input, { elicit, canElicit }) {
    const answer = await elicit({
      message: 'Which severity?',
      requestedSchema: {
        type: 'object',
        properties: { severity: { type: 'string', enum: ['LOW', 'HIGH'], default: 'LOW' } },
        required: ['severity'],
      },
    });
    return { content: [textContent(`${canElicit} ${answer.action} ${JSON.stringify(answer.content)}`)] };
  },
});

const summarize = defineTool({
  name: 'summarize_text',
  title: 'Summarize',
  description: "Asks the client's model.",
  access: 'read',
  permissions: [],
  input: z.object({ text: z.string() }),
  output: contentOutput,
  async handler({ text }, { sample }) {
    const answer = await sample({
      messages: [{ role: 'user', content: { type: 'text', text } }],
      maxTokens: 50,
    });
    return { content: [textContent(JSON.stringify(answer.content))] };
  },
});

const touch = defineTool({
  name: 'touch_thing',
  title: 'Touch',
  description: 'Says the watched thing changed.',
  access: 'read',
  permissions: [],
  input: z.object({}),
  output: contentOutput,
  async handler(_input, { resourceUpdated }) {
    await resourceUpdated(WATCHED);
    return { content: [textContent('touched')] };
  },
});

const readThing = defineTool({
  name: 'read_thing',
  title: 'Read thing',
  description: 'Reads a thing.',
  access: 'read',
  permissions: [],
  input: z
    .strictObject({ id: z.string(), where: z.object({ city: z.string() }).meta({ id: 'place' }).optional() })
    .meta({ $schema: 'https://json-schema.org/draft/2020-12/schema' }),
  output: contentOutput,
  async handler({ id }) {
    return { content: [textContent(`thing ${id}`)] };
  },
});

const pack = definePack({
  id: 'reach',
  title: 'Reach',
  coreRange: '>=0.1.0',
  tools: [askSeverity, summarize, touch, readThing],
  resources: [
    defineResourceTemplate({
      name: 'watched',
      title: 'Watched',
      description: 'A fixed resource.',
      uriTemplate: WATCHED,
      mimeType: 'text/plain',
      tool: 'read_thing',
      toolArguments: () => ({ id: 'watched' }),
    }),
    defineResourceTemplate({
      name: 'thing',
      title: 'Thing',
      description: 'A thing by id.',
      uriTemplate: 'acme://things/{id}/data',
      tool: 'read_thing',
      toolArguments: ({ id }) => ({ id }),
    }),
  ],
  prompts: [
    definePrompt({
      name: 'look_at_chart',
      title: 'Look at a chart',
      description: 'A prompt with an image.',
      args: {},
      render: () => [imageContent(PNG, 'image/png'), textContent('What does the chart show?')],
    }),
    definePrompt({
      name: 'broken-prompt',
      title: 'Broken',
      description: 'Renders a malformed block.',
      args: {},
      render: () => [{ type: 'image', data: 'not base64', mimeType: 'image/png' }],
    }),
  ],
});

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** A second client on the same host that offers sampling (the test host's client does not). */
async function samplingClient(t: TestHost, seen: unknown[]): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await t.host.connect(serverTransport);
  const client = new Client({ name: 'sampler', version: '0.0.0' }, { capabilities: { sampling: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    seen.push(request.params);
    return {
      role: 'assistant',
      content: { type: 'text', text: 'a short summary' },
      model: 'm',
      stopReason: 'endTurn',
    };
  });
  await client.connect(clientTransport);
  return client;
}

describe('a pack reaching the client through its ToolContext', () => {
  it('asks the person (elicitation) and gets the answer, with the schema as the tool wrote it', async () => {
    const asked: unknown[] = [];
    host = await createTestHost({
      packs: [pack],
      panther: { client: fakeClient() },
      confirm: (request) => {
        asked.push(request.requestedSchema);
        return { action: 'accept', content: { severity: 'HIGH' } };
      },
    });
    const result = await host.call('ask_severity');
    expect(result.content).toEqual([{ type: 'text', text: 'true accept {"severity":"HIGH"}' }]);
    expect(asked).toEqual([
      {
        type: 'object',
        properties: { severity: { type: 'string', enum: ['LOW', 'HIGH'], default: 'LOW' } },
        required: ['severity'],
      },
    ]);
  });

  it('says so, as a tool error, when the client cannot be asked', async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() }, confirm: 'unsupported' });
    const result = await host.call('ask_severity');
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: 'text',
        text: 'ask_severity needs to ask you, and this client cannot be asked (no form elicitation)',
      },
    ]);
  });

  it("asks the client's model (sampling), and fails clearly where the client offers none", async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    const seen: unknown[] = [];
    const client = await samplingClient(host, seen);
    const result = await client.callTool({ name: 'summarize_text', arguments: { text: 'long text' } });
    expect(result.content).toEqual([{ type: 'text', text: '{"type":"text","text":"a short summary"}' }]);
    expect(seen).toEqual([
      { messages: [{ role: 'user', content: { type: 'text', text: 'long text' } }], maxTokens: 50 },
    ]);
    await client.close();
    const refused = await host.call('summarize_text', { text: 'x' });
    expect(refused.isError).toBe(true);
    expect(refused.content).toEqual([
      { type: 'text', text: "summarize_text needs the client's model, and this client offers no sampling" },
    ]);
  });

  it('keeps subscriptions per session: subscribers hear of a change until they unsubscribe', async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    expect(host.client.getServerCapabilities()?.resources).toEqual({ listChanged: true, subscribe: true });
    const updates: string[] = [];
    host.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updates.push(n.params.uri);
    });
    await host.call('touch_thing');
    await host.client.subscribeResource({ uri: WATCHED });
    await host.call('touch_thing');
    await host.client.unsubscribeResource({ uri: WATCHED });
    await host.call('touch_thing');
    expect(updates).toEqual([WATCHED]);
    await expect(host.client.subscribeResource({ uri: 'acme://nothing' })).rejects.toThrow(
      'Resource acme://nothing not found',
    );
  });
});

describe('fixed resources, prompts of content blocks, and declared JSON Schema', () => {
  it('lists a template without variables as a resource, and reads it', async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    const { resources } = await host.client.listResources();
    expect(resources).toContainEqual({
      uri: WATCHED,
      name: 'watched',
      title: 'Watched',
      description: 'A fixed resource.',
      mimeType: 'text/plain',
    });
    const { resourceTemplates } = await host.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['acme://things/{id}/data']);
    const read = await host.client.readResource({ uri: WATCHED });
    expect(read.contents).toEqual([{ uri: WATCHED, mimeType: 'text/plain', text: 'thing watched' }]);
  });

  it('sends a prompt rendered as blocks as one user message each; a malformed block is an error with a reference', async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    const prompt = await host.client.getPrompt({ name: 'look_at_chart' });
    expect(prompt.messages).toEqual([
      { role: 'user', content: { type: 'image', data: PNG.toString('base64'), mimeType: 'image/png' } },
      { role: 'user', content: { type: 'text', text: 'What does the chart show?' } },
    ]);
    await expect(host.client.getPrompt({ name: 'broken-prompt' })).rejects.toThrow(
      /Prompt broken-prompt failed \(reference [0-9a-f]{8} in the server log\)/,
    );
    expect(host.logs.some((line) => line.includes('must be base64'))).toBe(true);
  });

  it("keeps the input schema's declared $schema, its $defs and additionalProperties", async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    const { tools } = await host.client.listTools();
    const schema = tools.find((t) => t.name === 'read_thing')?.inputSchema;
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      additionalProperties: false,
      properties: { where: { $ref: '#/$defs/place' } },
      $defs: { place: { type: 'object', properties: { city: { type: 'string' } } } },
    });
    expect(tools.find((t) => t.name === 'touch_thing')?.inputSchema).not.toHaveProperty('$schema');
  });
});
