/**
 * Tools that return MCP content blocks, through the real host pipeline: the blocks reach the client as they are,
 * after secret replacement and the output budget; bytes that hold a secret are withheld, a malformed block is an
 * internal error, and a resource read through such a tool gets the blocks as its contents.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  audioContent,
  type ContentBlock,
  contentOutput,
  imageContent,
  resourceContent,
  textContent,
} from '../define/content.js';
import { definePack, defineResourceTemplate } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { fakeClient } from '../testdata/packs.js';
import { createTestHost, type TestHost } from '../testing/createTestHost.js';

const SECRET = 'panther-token-in-content-0123456';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const BLOCKS: Record<string, () => ContentBlock[]> = {
  mixed: () => [
    textContent('A chart and its data:'),
    imageContent(PNG, 'image/png'),
    audioContent(Buffer.from('RIFF....WAVE'), 'audio/wav'),
    resourceContent({ uri: 'acme://data/1', mimeType: 'application/json', text: '{"a":1}' }),
  ],
  secret: () => [
    textContent(`token ${SECRET}`),
    imageContent(Buffer.from(`bytes ${SECRET} bytes`), 'image/png'),
  ],
  long: () => [textContent('y'.repeat(40_000)), imageContent(PNG, 'image/png')],
  malformed: () => [{ type: 'image', data: 'not base64', mimeType: 'image/png' } as ContentBlock],
};

const render = defineTool({
  name: 'render_thing',
  title: 'Render thing',
  description: 'Returns content blocks.',
  access: 'read',
  permissions: [],
  input: z.object({ kind: z.enum(['mixed', 'secret', 'long', 'malformed']) }),
  output: contentOutput,
  async handler({ kind }) {
    return { content: BLOCKS[kind]!() };
  },
});

const pack = definePack({
  id: 'renders',
  title: 'Renders',
  coreRange: '>=0.1.0',
  tools: [render],
  resources: [
    defineResourceTemplate({
      name: 'rendered',
      title: 'Rendered',
      description: 'A rendering.',
      uriTemplate: 'acme://renders/{kind}',
      tool: 'render_thing',
      toolArguments: ({ kind }) => ({ kind }),
    }),
  ],
});

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('tools that return content blocks', () => {
  it('sends the blocks as the result content, without structuredContent or an output schema', async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    const [definition] = (await host.client.listTools()).tools;
    expect(definition?.outputSchema).toBeUndefined();
    const result = await host.call('render_thing', { kind: 'mixed' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toBeUndefined();
    expect(result.content).toEqual(BLOCKS['mixed']!());
  });

  it('replaces secrets in text and withholds bytes that hold one, saying so', async () => {
    host = await createTestHost({
      packs: [pack],
      panther: { url: 'http://127.0.0.1:9', token: SECRET },
      policy: { hideUnpermittedTools: false },
    });
    const result = await host.call('render_thing', { kind: 'secret' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 20));
    expect(result.content).toEqual([
      { type: 'text', text: 'token [REDACTED]' },
      { type: 'text', text: '1 binary content block was withheld: it contains a secret.' },
    ]);
  });

  it('shortens long text to the output budget and keeps the image whole', async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    const result = await host.call('render_thing', { kind: 'long' });
    const [text, image, note] = result.content as { type: string; text?: string }[];
    expect(text?.text).toMatch(/…\[shortened: \d+ of 40000 characters left out\]$/);
    expect(text!.text!.length).toBeLessThan(24_000);
    expect(image).toEqual(imageContent(PNG, 'image/png'));
    expect(note?.text).toBe(
      'Result cut to fit 6,000 tokens: left out the end of 1 long text. To get the rest, ask for less.',
    );
  });

  it('reports malformed blocks as an internal error with a reference to the log', async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    const result = await host.call('render_thing', { kind: 'malformed' });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: 'text',
        text: expect.stringMatching(
          /^render_thing failed with an internal error \(reference [0-9a-f]{8} in the server log\)$/,
        ),
      },
    ]);
    expect(host.logs.some((line) => line.includes('must be base64'))).toBe(true);
  });

  it('reads a resource through such a tool: text as text, bytes as blobs, embedded resources as themselves', async () => {
    host = await createTestHost({ packs: [pack], panther: { client: fakeClient() } });
    const { resourceTemplates } = await host.client.listResourceTemplates();
    expect(resourceTemplates[0]).not.toHaveProperty('mimeType');
    const read = await host.client.readResource({ uri: 'acme://renders/mixed' });
    expect(read.contents).toEqual([
      { uri: 'acme://renders/mixed', mimeType: 'text/plain', text: 'A chart and its data:' },
      { uri: 'acme://renders/mixed', mimeType: 'image/png', blob: PNG.toString('base64') },
      {
        uri: 'acme://renders/mixed',
        mimeType: 'audio/wav',
        blob: Buffer.from('RIFF....WAVE').toString('base64'),
      },
      { uri: 'acme://data/1', mimeType: 'application/json', text: '{"a":1}' },
    ]);
  });
});
