/**
 * The output budget through the real host pipeline: a result over budget is cut at a record boundary, and calling
 * again with what the note says returns the next records, until every record was seen exactly once.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePack } from '../../define/definePack.js';
import { defineTool } from '../../define/defineTool.js';
import { ToolInputError } from '../../errors.js';
import { createTestHost, type TestHost } from '../../testing/createTestHost.js';
import { createFakeClient } from '../../testing/fakeClient.js';
import { table } from '../../toolkit/table.js';

const RECORDS = Array.from({ length: 130 }, (_, i) => ({
  id: `rec-${String(i).padStart(3, '0')}`,
  kind: i % 3 === 0 ? 'odd' : 'even',
  body: `record ${i} `.repeat(8),
}));

/** An upstream with opaque cursors (random tokens), as Panther's are: the host cannot compute one. */
function pagedUpstream() {
  const cursors = new Map<string, number>();
  let pages = 0;
  const fake = createFakeClient((call) => {
    if (call.kind !== 'rest' || call.request.path !== '/records') return {};
    pages += 1;
    const query = (call.request.query ?? {}) as { cursor?: string; limit?: number; kind?: string };
    const start = query.cursor ? cursors.get(query.cursor) : 0;
    if (start === undefined) throw new ToolInputError('cursor', 'is not a cursor of /records');
    const matching = RECORDS.filter((r) => !query.kind || r.kind === query.kind);
    const end = start + (query.limit ?? 50);
    const next = end < matching.length ? randomBytes(12).toString('base64') : null;
    if (next) cursors.set(next, end);
    return { results: matching.slice(start, end), next };
  });
  return { client: fake.client, pages: () => pages };
}

const listRecords = defineTool({
  name: 'list_records',
  title: 'List records',
  description: 'Lists records, a page at a time.',
  access: 'read',
  permissions: [],
  input: z.object({
    kind: z.enum(['odd', 'even']).optional(),
    page_size: z.int().min(1).max(100).default(50),
    cursor: z.string().max(4096).optional(),
    as_table: z.boolean().default(false),
  }),
  continuation: { cursor: 'cursor', pageSize: 'page_size', filters: ['kind'] },
  async handler({ kind, page_size, cursor, as_table }, { client, signal }) {
    const page = await client.rest<{ results: Record<string, unknown>[]; next: string | null }>({
      method: 'GET',
      path: '/records',
      query: { limit: page_size, cursor, kind },
      signal,
    });
    const records = as_table ? table(page.results, ['id', 'kind', 'body']) : page.results;
    return { records, next_cursor: page.next };
  },
});

/** A query-like tool: the first call runs the query; its results are read again by id, never recomputed. */
function queryTool() {
  let runs = 0;
  const rows = RECORDS.map((r) => [r.id, r.body]);
  const tool = defineTool({
    name: 'run_query',
    title: 'Run query',
    description: 'Runs a query, or reads its results by query_id.',
    access: 'read',
    permissions: [],
    input: z.object({
      sql: z.string().max(1000).optional(),
      query_id: z.string().max(100).optional(),
      cursor: z.string().max(4096).optional(),
    }),
    continuation: { cursor: 'cursor', resumeWith: ['query_id'] },
    async handler({ sql, query_id, cursor }) {
      if (cursor) throw new ToolInputError('cursor', 'this query has one page');
      if (query_id === undefined) {
        if (!sql) throw new ToolInputError('sql', 'is required');
        runs += 1;
      } else if (query_id !== 'q-1') {
        throw new ToolInputError('query_id', 'is unknown');
      }
      return { query_id: 'q-1', columns: ['id', 'body'], rows };
    },
  });
  return { tool, runs: () => runs };
}

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const texts = (result: { content: unknown }) => (result.content as { text: string }[]).map((c) => c.text);

async function start(
  tools: ReturnType<typeof defineTool>[],
  maxTokens: number,
  client = pagedUpstream().client,
) {
  host = await createTestHost({
    packs: [definePack({ id: 'paging', title: 'Paging', coreRange: '>=0.1.0', tools })],
    panther: { client },
    config: { output: { maxTokens } },
  });
  return host;
}

/** Follows the notes: calls again with the same arguments and cursor=next_cursor until there is no next page. */
async function readAll(
  t: TestHost,
  name: string,
  args: Record<string, unknown>,
  ids: (value: never) => string[],
) {
  const seen: string[] = [];
  const notes: string[] = [];
  let cursor: string | undefined;
  for (let call = 0; call < 60; call++) {
    const result = await t.call(name, { ...args, ...(cursor ? { cursor } : {}) });
    expect(result.isError, texts(result).join('\n')).toBeFalsy();
    const [json, ...rest] = texts(result);
    expect(json!.length + rest.join('').length).toBeLessThanOrEqual(1_000 * 4);
    const value = JSON.parse(json!);
    expect(value).toEqual(result.structuredContent);
    seen.push(...ids(value as never));
    notes.push(...rest);
    cursor = value.next_cursor ?? undefined;
    if (!cursor) return { seen, notes };
  }
  throw new Error('no end after 60 calls');
}

describe('the output budget', () => {
  it('cuts a page over budget at a record boundary; calling again as the note says returns the next records', async () => {
    const upstream = pagedUpstream();
    const t = await start([listRecords], 1_000, upstream.client);
    const first = await t.call('list_records', {});
    const [json, note] = texts(first);
    const value = JSON.parse(json!);
    const kept = value.records.length;
    expect(kept).toBeGreaterThan(10);
    expect(kept).toBeLessThan(50);
    expect(value.records).toEqual(RECORDS.slice(0, kept));
    expect(value.next_cursor).toMatch(/^resume1\./);
    expect(note).toBe(
      `Result cut to fit 1,000 tokens: left out ${50 - kept} of 50 items of records. To get the rest, call ` +
        'list_records again with the same arguments and cursor=next_cursor (it resumes after the last item shown); ' +
        'to get more in one answer, ask for a smaller page (page_size) or a narrower filter (kind).',
    );
    const second = JSON.parse(texts(await t.call('list_records', { cursor: value.next_cursor }))[0]!);
    expect(second.records[0]).toEqual(RECORDS[kept]);

    const all = await readAll(t, 'list_records', {}, (v: { records: { id: string }[] }) =>
      v.records.map((r) => r.id),
    );
    expect(all.seen).toEqual(RECORDS.map((r) => r.id));
    expect(all.notes.length).toBeGreaterThanOrEqual(2);
    expect(upstream.pages()).toBeGreaterThan(3);
  });

  it('resumes table rows and filtered pages the same way', async () => {
    const t = await start([listRecords], 1_000);
    const rows = await readAll(
      t,
      'list_records',
      { as_table: true },
      (v: { records: { rows: string[][] } }) => v.records.rows.map((r) => r[0]!),
    );
    expect(rows.seen).toEqual(RECORDS.map((r) => r.id));
    const odd = await readAll(
      t,
      'list_records',
      { kind: 'odd', page_size: 30 },
      (v: { records: { id: string }[] }) => v.records.map((r) => r.id),
    );
    expect(odd.seen).toEqual(RECORDS.filter((r) => r.kind === 'odd').map((r) => r.id));
  });

  it('reads a cut query result again by its id instead of running it again', async () => {
    const query = queryTool();
    const t = await start([query.tool], 1_000);
    const all = await readAll(t, 'run_query', { sql: 'SELECT 1' }, (v: { rows: string[][] }) =>
      v.rows.map((r) => r[0]!),
    );
    expect(all.seen).toEqual(RECORDS.map((r) => r.id));
    expect(query.runs()).toBe(1);
  });

  it('refuses a resume cursor it did not issue, or one of another tool, naming the argument', async () => {
    const query = queryTool();
    const t = await start([listRecords, query.tool], 1_000);
    const forged = await t.call('list_records', { cursor: 'resume1.not-json' });
    expect(forged.isError).toBe(true);
    expect(texts(forged)[0]).toBe(
      'Invalid arguments for list_records: cursor is not a next_cursor this server issued; pass next_cursor exactly as it was returned',
    );
    const fromQuery = JSON.parse(texts(await t.call('run_query', { sql: 'SELECT 1' }))[0]!).next_cursor;
    const other = await t.call('list_records', { cursor: fromQuery });
    expect(texts(other)[0]).toBe(
      'Invalid arguments for list_records: cursor is a next_cursor of run_query; pass it to that tool',
    );
  });

  it('applies 6,000 tokens by default, and the lower of the two limits', async () => {
    const wide = defineTool({
      name: 'wide_records',
      title: 'Wide records',
      description: 'Returns every record, many times.',
      access: 'read',
      permissions: [],
      input: z.object({ copies: z.int().min(1).max(50) }),
      async handler({ copies }) {
        return { items: Array.from({ length: copies }, () => RECORDS).flat() };
      },
    });
    host = await createTestHost({
      packs: [definePack({ id: 'wide', title: 'Wide', coreRange: '>=0.1.0', tools: [wide] })],
      panther: { client: createFakeClient().client },
    });
    const [json, note] = texts(await host.call('wide_records', { copies: 3 }));
    expect(json!.length + note!.length).toBeLessThanOrEqual(24_000);
    expect(json!.length).toBeGreaterThan(22_000);
    expect(note).toMatch(
      /^Result cut to fit 6,000 tokens: left out \d+ of 390 items of items\. To get the rest, ask for fewer items, a narrower filter or fewer fields\.$/,
    );
    await host.close();
    host = await createTestHost({
      packs: [definePack({ id: 'wide', title: 'Wide', coreRange: '>=0.1.0', tools: [wide] })],
      panther: { client: createFakeClient().client },
      config: { output: { maxTokens: 100_000, maxResultChars: 5_000 } },
    });
    expect(texts(await host.call('wide_records', { copies: 3 }))[1]).toMatch(
      /^Result cut to fit 5,000 characters:/,
    );
  });
});
