import { type FakeUpstream, startFakeUpstream } from '@mcp-panther/client/testing';
import {
  createHost,
  createLogger,
  definePack,
  defineTool,
  givenPackSource,
  type Host,
  loadConfig,
  memorySink,
} from '@mcp-panther/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  KV_STORE_SECTION,
  kvSharedStore,
  kvStoreConfig,
  type StoreServer,
  startStoreServer,
} from './index.js';

const STORE_TOKEN = 'kv-store-token-under-test';
const PANTHER_TOKEN = 'panther-token-under-test';

const pack = definePack({
  id: 'things',
  title: 'Things',
  coreRange: '>=0.1.0',
  tools: [
    defineTool({
      name: 'list_things',
      title: 'List things',
      description: 'Lists the things.',
      access: 'read',
      permissions: ['AlertRead'],
      input: z.object({}),
      async handler(_input, { client, signal }) {
        const things = await client.rest<{ id: string }[]>({
          method: 'GET',
          path: '/things',
          cacheKind: 'catalog',
          signal,
        });
        return { things };
      },
    }),
  ],
});
const source = givenPackSource(pack);

let store: StoreServer | undefined;
let upstream: FakeUpstream | undefined;
let hosts: Host[] = [];
afterEach(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  hosts = [];
  await store?.close();
  await upstream?.close();
});

/** One replica as a command would compose it: the config with the store's section, its part and its secrets. */
async function replica(storeUrl: string): Promise<{ host: Host; client: Client; lines: string[] }> {
  const loaded = await loadConfig({
    cwd: '/nonexistent-folder-for-config-search',
    env: {
      PANTHER_REST_API_URL: upstream!.url,
      PANTHER_GQL_API_URL: `${upstream!.url}/public/graphql`,
      PANTHER_API_TOKEN: PANTHER_TOKEN,
      KV_STORE_URL: storeUrl,
      // Generous: on a busy machine a first call can be slow, and a late answer would be served locally.
      KV_STORE_TIMEOUT_MS: '5000',
    },
    sections: [KV_STORE_SECTION],
  });
  const sink = memorySink();
  const host = await createHost({
    config: { ...loaded.config, packs: [] },
    packs: [source],
    logger: createLogger({ level: 'info', format: 'json', sink }),
    parts: { sharedStore: kvSharedStore(kvStoreConfig(loaded.sections)) },
    secrets: loaded.secrets,
  });
  hosts.push(host);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await host.connect(serverSide);
  const client = new Client({ name: 'replica', version: '0.0.0' });
  await client.connect(clientSide);
  return { host, client, lines: sink.lines };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting until ${what}`);
}

const upstreamCalls = (path: string) => upstream!.requests.filter((r) => r.path === path).length;

describe('a shared-store backend from outside core', () => {
  it('lets two replicas share cached answers and the request budget through it', async () => {
    upstream = await startFakeUpstream((request) =>
      request.path === '/api-tokens/self'
        ? { json: { permissions: ['AlertRead'] } }
        : { json: [{ id: 'thing-1' }] },
    );
    store = await startStoreServer({ token: STORE_TOKEN });
    const a = await replica(store.url);
    const b = await replica(store.url);
    // The second replica read the token's permissions from what the first cached in the store.
    expect(upstreamCalls('/api-tokens/self')).toBe(1);

    const first = await a.client.callTool({ name: 'list_things', arguments: {} });
    // The client stores an answer after returning it: wait (bounded) until the store has it.
    await until(() => (store?.served['set'] ?? 0) >= 2, 'the first answer is in the store');
    const second = await b.client.callTool({ name: 'list_things', arguments: {} });
    expect(first.structuredContent).toEqual({ things: [{ id: 'thing-1' }] });
    expect(second.structuredContent).toEqual(first.structuredContent);
    expect(upstreamCalls('/things')).toBe(1);
    // Every upstream call of either replica took its grant from the one shared bucket.
    expect(store.served['acquire']).toBe(upstream.requests.length);

    expect(b.host.sharedStore?.status()).toMatchObject({ kind: 'kv-store', state: 'up', outages: 0 });
    const info = JSON.stringify(b.host.info());
    expect(info).toContain(`"location":"http://***@127.0.0.1:${store.port}"`);
    for (const shown of [info, ...a.lines, ...b.lines]) expect(shown).not.toContain(STORE_TOKEN);
  });

  it('serves every call locally while the store is away, with one warning that never shows its token', async () => {
    upstream = await startFakeUpstream((request) =>
      request.path === '/api-tokens/self' ? { json: { permissions: ['AlertRead'] } } : { json: [] },
    );
    const away = await startStoreServer({ token: STORE_TOKEN });
    await away.close();
    const a = await replica(away.url);
    const results = await Promise.all(
      Array.from({ length: 3 }, () => a.client.callTool({ name: 'list_things', arguments: {} })),
    );
    expect(results.filter((r) => r.isError)).toEqual([]);
    expect(a.host.sharedStore?.status()).toMatchObject({ state: 'down', outages: 1 });
    const warnings = a.lines.map((line) => JSON.parse(line)).filter((line) => line.level === 'warn');
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: expect.stringMatching(/^kv store unavailable/),
        url: expect.any(String),
      }),
    ]);
    expect(a.lines.join('\n')).not.toContain(STORE_TOKEN);
  });
});
