import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AuditSink } from '../audit/auditSink.js';
import { definePack } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import { createTestHost, type TestHost } from '../testing/createTestHost.js';

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const texts = (result: { content: unknown }) => (result.content as { text: string }[]).map((c) => c.text);

const SECRET = 'panther-token-"quoted"\\value';

const echoPack = definePack({
  id: 'echo',
  title: 'Echo',
  coreRange: '>=0.1.0',
  tools: [
    defineTool({
      name: 'echo_big',
      title: 'Echo big',
      description: 'Returns many records, or one long text.',
      access: 'read',
      permissions: [],
      input: z.object({
        count: z.int().min(0).max(100_000),
        text: z.int().min(0).max(10_000_000).default(0),
      }),
      async handler({ count, text }) {
        return {
          items: Array.from({ length: count }, (_, i) => ({ id: `item-${i}`, body: 'x'.repeat(100) })),
          ...(text > 0 ? { text: 'y'.repeat(text) } : {}),
          next_cursor: 'page-2',
        };
      },
    }),
    defineTool({
      name: 'echo_secret',
      title: 'Echo secret',
      description: 'Returns what an upstream that echoes the key would.',
      access: 'read',
      permissions: [],
      input: z.object({}),
      async handler() {
        return { headers: { 'X-API-Key': SECRET }, [`k-${SECRET}`]: 1 };
      },
    }),
  ],
});

describe('the host call hooks', () => {
  it('refuses a write, sending nothing, when the audit log cannot be written', async () => {
    const client = fakeClient();
    let handled = 0;
    const failing: AuditSink = {
      async write() {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
      async close() {},
    };
    host = await createTestHost({
      packs: [thingsPack],
      panther: { client },
      policy: { mode: 'read-write' },
      parts: {
        auditSink: () => failing,
        callHooks: ({ defaults }) => [
          ...defaults,
          {
            name: 'count-handled',
            phase: 'invoke',
            async around(_call, next) {
              handled += 1;
              return next();
            },
          },
        ],
      },
    });
    const result = await host.call('update_thing', { id: 'a1', status: 'CLOSED' });
    expect(result.isError).toBe(true);
    expect(texts(result)[0]).toBe(
      'update_thing was not sent: the audit log cannot be written (see the server log); nothing was changed',
    );
    expect(handled).toBe(0);
    // Reads are not audited and still work.
    expect((await host.call('list_things', {})).isError).toBeFalsy();
  });

  it('records arguments of any depth without failing the call', async () => {
    const lines: string[] = [];
    host = await createTestHost({
      packs: [thingsPack],
      panther: { client: fakeClient() },
      policy: { mode: 'read-write' },
      parts: { auditSink: () => ({ write: async (line) => void lines.push(line), close: async () => {} }) },
    });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 5_000; i++) deep = { a: deep };
    const result = await host.call('update_thing', { id: 'a1', status: 'CLOSED', extra: deep });
    expect(texts(result)[0]).toBe(
      'Invalid arguments for update_thing: extra is nested deeper than 16 levels',
    );
    const records = lines.map((l) => JSON.parse(l));
    expect(records).toEqual([
      expect.objectContaining({ phase: 'outcome', outcome: 'refused', code: 'USER_INPUT' }),
    ]);
    expect(JSON.stringify(records[0].arguments)).toContain('[object nested too deep]');
  });

  it('cuts a result over the size limit at record boundaries, with a note on how to get the rest', async () => {
    host = await createTestHost({
      packs: [echoPack],
      panther: { client: fakeClient() },
      config: { output: { maxResultChars: 10_000 } },
    });
    const result = await host.call('echo_big', { count: 1_000 });
    const [json, note] = texts(result);
    expect(json!.length).toBeLessThanOrEqual(10_000);
    const value = JSON.parse(json!);
    expect(value).toEqual(result.structuredContent);
    expect(value.items.length).toBeGreaterThan(50);
    expect(value.items.at(-1)).toEqual({ id: `item-${value.items.length - 1}`, body: 'x'.repeat(100) });
    expect(note).toBe(
      `Result cut to fit 10,000 characters: left out ${1_000 - value.items.length} of 1000 items of items. To get the rest, ask for fewer items, a narrower filter or fewer fields.`,
    );
    const long = await host.call('echo_big', { count: 0, text: 50_000 });
    expect(texts(long)[0]!.length).toBeLessThanOrEqual(10_000);
    expect(texts(long)[1]).toContain('the end of 1 long text value');
  });

  it('replaces secrets in every result value and key, raw or escaped', async () => {
    host = await createTestHost({
      packs: [echoPack],
      panther: { url: 'http://127.0.0.1:9', token: SECRET },
      policy: { hideUnpermittedTools: false },
    });
    const result = await host.call('echo_secret', {});
    const all = JSON.stringify(result);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(JSON.stringify(SECRET).slice(1, -1));
    expect(result.structuredContent).toEqual({ headers: { 'X-API-Key': '[REDACTED]' }, 'k-[REDACTED]': 1 });
  });
});

describe('credentials in Panther URLs', () => {
  it('are never shown by config://panther nor in results', async () => {
    const t = await createTestHost({
      packs: [echoPack],
      panther: { url: 'http://svc-user:url-password-123@127.0.0.1:9', token: 'a-token-value' },
      policy: { hideUnpermittedTools: false },
    });
    try {
      const resource = await t.client.readResource({ uri: 'config://panther' });
      const text = (resource.contents[0] as { text: string }).text;
      expect(text).not.toContain('url-password-123');
      expect(text).not.toContain('svc-user');
      expect(JSON.parse(text).rest_api_url).toBe('http://***@127.0.0.1:9');
      expect(t.logs.join('')).not.toContain('url-password-123');
    } finally {
      await t.close();
    }
  });
});
