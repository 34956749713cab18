/** The `panther://queries/{id}` resource template on the sandbox. */
import { createTestHost, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datalakePack } from '../index.js';

let sandbox: Sandbox;
let host: TestHost;

beforeAll(async () => {
  sandbox = await startSandbox({ events: 1000, seed: 13 });
  host = await createTestHost({
    packs: [datalakePack],
    panther: { url: sandbox.url, token: sandbox.tokens.admin },
  });
}, 120_000);
afterAll(async () => {
  await host?.close();
  await sandbox?.close();
});

describe('panther://queries/{id}', () => {
  it('returns the saved query with its SQL, as get_scheduled_query does, and completes ids', async () => {
    expect((await host.client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      'panther://queries/{id}',
    ]);
    const listed = (await host.call('list_scheduled_queries')).structuredContent as {
      queries: { id: string }[];
    };
    const id = listed.queries[0]!.id;
    const read = await host.client.readResource({ uri: `panther://queries/${id}` });
    const body = JSON.parse((read.contents[0] as { text: string }).text);
    expect(body).toEqual((await host.call('get_scheduled_query', { query_id: id })).structuredContent);
    expect(body.id).toBe(id);
    expect(typeof body.sql).toBe('string');
    const { completion } = await host.client.complete({
      ref: { type: 'ref/resource', uri: 'panther://queries/{id}' },
      argument: { name: 'id', value: id.slice(0, 3) },
    });
    expect(completion.values).toContain(id);
  });

  it('answers a malformed id with the argument and what is allowed', async () => {
    await expect(host.client.readResource({ uri: 'panther://queries/not-a-uuid' })).rejects.toThrow(
      /Invalid arguments for get_scheduled_query: query_id must be a UUID/,
    );
  });
});
