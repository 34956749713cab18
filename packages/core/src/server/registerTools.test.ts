import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import { createTestHost, type TestHost } from '../testing/createTestHost.js';

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const textOf = (result: { content: unknown }) => (result.content as { text: string }[])[0]!.text;

describe('registerTools', () => {
  it('advertises title, derived annotations and compact schemas with enums, bounds and defaults', async () => {
    host = await createTestHost({
      packs: [thingsPack],
      panther: { client: fakeClient() },
      policy: { mode: 'read-write' },
    });
    const { tools } = await host.client.listTools();
    const list = tools.find((t) => t.name === 'list_things')!;
    expect(list.title).toBe('List things');
    expect(list.annotations).toEqual({
      title: 'List things',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(list.inputSchema).toEqual({
      type: 'object',
      properties: {
        severities: {
          type: 'array',
          description: 'Severities to include',
          default: ['HIGH'],
          maxItems: 5,
          items: { type: 'string', enum: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] },
        },
        page_size: { type: 'integer', minimum: 1, maximum: 50, default: 25 },
      },
    });
    expect(list.outputSchema).toMatchObject({ type: 'object', required: ['things', 'total'] });
    expect(JSON.stringify(tools)).not.toContain('$schema');
    const update = tools.find((t) => t.name === 'update_thing')!;
    expect(update.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(update.outputSchema).toBeUndefined();
  });

  it('names the argument and what is allowed when input is invalid', async () => {
    host = await createTestHost({ packs: [thingsPack], panther: { client: fakeClient() } });
    const bad = await host.call('list_things', { severities: ['BAD'], page_size: 0 });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toBe(
      'Invalid arguments for list_things: severities[0] must be one of CRITICAL, HIGH, MEDIUM, LOW, INFO (got "BAD"); page_size must be >= 1 (got 0)',
    );
    const missing = await host.call('fail_thing', {});
    expect(textOf(missing)).toBe(
      'Invalid arguments for fail_thing: how is required (one of input, forbidden, upstream, bug, token, progress)',
    );
  });

  it('maps handler errors to clear messages without stack traces or secrets', async () => {
    host = await createTestHost({ packs: [thingsPack], panther: { client: fakeClient() } });
    expect(textOf(await host.call('fail_thing', { how: 'input' }))).toBe(
      'Invalid argument "how": cannot be used with that cursor',
    );
    expect(textOf(await host.call('fail_thing', { how: 'forbidden' }))).toBe(
      'fail_thing failed: Panther denied the request (403): forbidden; the API token lacks a permission',
    );
    expect(textOf(await host.call('fail_thing', { how: 'upstream' }))).toBe(
      'fail_thing failed: Panther failed (502): Internal Server Error',
    );
    const bug = textOf(await host.call('fail_thing', { how: 'bug' }));
    expect(bug).toMatch(
      /^fail_thing failed with an internal error \(reference [0-9a-f]{8} in the server log\)$/,
    );
    expect(bug).not.toContain('boom');
    const ref = /reference ([0-9a-f]{8})/.exec(bug)![1]!;
    const logged = host.logs.find((line) => line.includes(ref))!;
    expect(JSON.parse(logged)).toMatchObject({
      level: 'error',
      pack: 'things',
      tool: 'fail_thing',
      error: { message: 'boom at line 3' },
    });
  });

  it('sends progress notifications when the client asks for progress', async () => {
    host = await createTestHost({ packs: [thingsPack], panther: { client: fakeClient() } });
    const seen: unknown[] = [];
    const result = await host.client.callTool(
      { name: 'fail_thing', arguments: { how: 'progress' } },
      undefined,
      {
        onprogress: (p) => seen.push(p),
      },
    );
    expect(result.isError).toBeFalsy();
    expect(seen).toEqual([
      { progress: 1, total: 2, message: 'half' },
      { progress: 2, total: 2 },
    ]);
  });

  it('writes a JSON-lines audit record for every write call, successful or not', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-audit-'));
    try {
      const auditFile = path.join(dir, 'audit.jsonl');
      host = await createTestHost({
        packs: [thingsPack],
        panther: { client: fakeClient() },
        policy: { mode: 'read-write' },
        config: { logging: { auditFile } },
      });
      await host.call('update_thing', { id: 'a1', status: 'CLOSED' });
      await host.call('update_thing', { id: 'a1', status: 'NOPE' });
      await host.call('list_things', {});
      await host.close();
      host = undefined;
      const records = (await readFile(auditFile, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      // A write that is sent has its intent recorded first; input refused before sending has an outcome only.
      expect(records.map((r) => r.phase)).toEqual(['intent', 'outcome', 'outcome']);
      expect(records[0]).toMatchObject({ phase: 'intent', tool: 'update_thing', id: records[1].id });
      const lines = records.filter((r) => r.phase === 'outcome');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({
        tool: 'update_thing',
        pack: 'things',
        arguments: { id: 'a1', status: 'CLOSED' },
        outcome: 'ok',
      });
      expect(lines[0].durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(lines[0].time)).not.toBeNaN();
      expect(lines[1]).toMatchObject({
        outcome: 'refused',
        code: 'USER_INPUT',
        error: expect.stringContaining('status must be one of OPEN, CLOSED'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('registers prompts with completion and the config://panther resource', async () => {
    host = await createTestHost({ packs: [thingsPack], panther: { client: fakeClient() } });
    const { prompts } = await host.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['triage-thing']);
    const prompt = await host.client.getPrompt({ name: 'triage-thing', arguments: { thing_id: 'thing-2' } });
    expect(prompt.messages[0]!.content).toEqual({ type: 'text', text: 'Triage thing thing-2.' });
    const completion = await host.client.complete({
      ref: { type: 'ref/prompt', name: 'triage-thing' },
      argument: { name: 'thing_id', value: 'thi' },
    });
    expect(completion.completion.values).toEqual(['thing-1', 'thing-2']);
    // An optional argument keeps its completion and is advertised as not required.
    const optional = await host.client.complete({
      ref: { type: 'ref/prompt', name: 'triage-thing' },
      argument: { name: 'depth', value: 'th' },
    });
    expect(optional.completion.values).toEqual(['thorough']);
    expect(prompts[0]!.arguments).toEqual([
      expect.objectContaining({ name: 'thing_id', required: true }),
      expect.objectContaining({ name: 'depth', required: false }),
    ]);
    const resource = await host.client.readResource({ uri: 'config://panther' });
    const info = JSON.parse((resource.contents[0] as { text: string }).text);
    expect(info).toMatchObject({
      rest_api_url: 'https://api.fake.test',
      mode: 'read-only',
      available_tools: ['fail_thing', 'list_things'],
      available_prompts: ['triage-thing'],
    });
    expect(info.hidden_tools.map((h: { name: string; reason: string }) => `${h.name}:${h.reason}`)).toEqual([
      'delete_thing:read-only',
      'update_thing:read-only',
    ]);
    expect(host.client.getInstructions()).toContain('Mode: read-only');
    expect(host.client.getInstructions()).toContain('Things are things.');
  });
});
