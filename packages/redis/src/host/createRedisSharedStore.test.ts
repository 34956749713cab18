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
import { type RedisServer, startRedisServer } from '@mcp-panther/redis/testing';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REDIS_SECTION, redisConfig, redisSharedStore } from './index.js';

const PASSWORD = 'redis-pa55word-under-test';
const TOKEN = 'panther-token-under-test';

const thingsPack = definePack({
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
        const things = await client.rest<{ id: string }[]>({ method: 'GET', path: '/things', signal });
        return { things, total: things.length };
      },
    }),
  ],
});

const source = givenPackSource(thingsPack);

/** The config as the command reads it (the environment, with the `redis` section), without a file. */
const configFor = (env: Record<string, string>) =>
  loadConfig({ cwd: '/nonexistent-folder-for-config-search', env, sections: [REDIS_SECTION] });

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describeWithPrograms(
  ['redis-server'],
  'replicas share the cache, in-flight reads and the request budget through Redis',
  () => {
    let redis: RedisServer;
    let upstream: FakeUpstream;
    let release: () => void = () => {};
    let hosts: Host[] = [];
    let clients: Client[] = [];

    beforeAll(async () => {
      redis = await startRedisServer({ password: PASSWORD });
    });
    afterAll(async () => {
      await redis?.stop();
    });
    afterEach(async () => {
      await Promise.all(clients.map((client) => client.close()));
      await Promise.all(hosts.map((host) => host.close()));
      await upstream?.close();
      hosts = [];
      clients = [];
    });

    const redisUrl = () => `redis://:${PASSWORD}@127.0.0.1:${redis.port}`;
    const startUpstream = async () => {
      upstream = await startFakeUpstream(async (request) => {
        if (request.path === '/api-tokens/self') return { json: { permissions: ['AlertRead'] } };
        if (request.path === '/things') {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return { json: [{ id: 'a' }] };
        }
        return { status: 404, json: { message: 'no such path' } };
      });
    };

    /** One replica: a host with its own logger, reached by an in-memory MCP client. */
    const replica = async (url = redisUrl()) => {
      const sink = memorySink();
      const loaded = await configFor({
        PANTHER_REST_API_URL: upstream.url,
        PANTHER_GQL_API_URL: `${upstream.url}/public/graphql`,
        PANTHER_API_TOKEN: TOKEN,
        MCP_PANTHER_REDIS_URL: url,
      });
      const host = await createHost({
        config: { ...loaded.config, packs: [] },
        packs: [source],
        logger: createLogger({ level: 'info', format: 'json', sink }),
        parts: { sharedStore: redisSharedStore(redisConfig(loaded.sections)) },
        secrets: loaded.secrets,
      });
      hosts.push(host);
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await host.connect(serverSide);
      const client = new Client({ name: 'replica-test', version: '0.0.0' });
      await client.connect(clientSide);
      clients.push(client);
      return { host, client, lines: sink.lines };
    };
    const paths = (path: string) => upstream.requests.filter((r) => r.path === path).length;

    it("gives the second replica the token's permissions from the first one's cache", async () => {
      await startUpstream();
      const a = await replica();
      const b = await replica();
      expect(paths('/api-tokens/self')).toBe(1);
      const status = b.host.sharedStore?.status();
      expect(status).toMatchObject({ kind: 'redis', location: `redis://***@127.0.0.1:${redis.port}` });
      // On a starved machine a command can miss its 150 ms bound (an outage, then a rejoin): state and counters
      // say so either way.
      expect(['up', 'down']).toContain(status?.state);
      const info = a.host.info()['shared_store'] as Record<string, unknown>;
      expect(Object.keys(info).sort()).toEqual(['kind', 'location', 'outages', 'state']);
      expect(info).toMatchObject({ kind: 'redis', location: `redis://***@127.0.0.1:${redis.port}` });
    });

    it('makes one upstream call for identical concurrent reads through two replicas', async () => {
      await startUpstream();
      const a = await replica();
      const b = await replica();
      const first = a.client.callTool({ name: 'list_things', arguments: {} });
      await until(() => paths('/things') === 1, 'the first replica calls upstream');
      const second = b.client.callTool({ name: 'list_things', arguments: {} });
      await until(() => b.host.sharedStore?.status().following === 1, 'the second replica follows');
      release();
      const results = await Promise.all([first, second]);
      expect(results.map((r) => r.structuredContent)).toEqual([
        { things: [{ id: 'a' }], total: 1 },
        { things: [{ id: 'a' }], total: 1 },
      ]);
      expect(paths('/things')).toBe(1);
      expect(b.host.sharedStore?.status().remoteJoins).toBe(1);
    });

    it('serves every call locally while Redis cannot be reached, with one warning that never shows the password', async () => {
      await startUpstream();
      const offline = await startRedisServer({ password: PASSWORD });
      await offline.stop();
      const a = await replica(`redis://:${PASSWORD}@127.0.0.1:${offline.port}`);
      const calls = Array.from({ length: 3 }, () =>
        a.client.callTool({ name: 'list_things', arguments: {} }),
      );
      await until(() => paths('/things') === 1, 'the replica calls upstream on its own');
      release();
      const results = await Promise.all(calls);
      expect(results.filter((r) => r.isError)).toEqual([]);
      const status = a.host.sharedStore?.status();
      expect(status).toMatchObject({ state: 'down', outages: 1 });
      expect(status?.fallbacks.singleFlight).toBeGreaterThan(0);
      const warnings = a.lines.map((line) => JSON.parse(line)).filter((line) => line.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        msg: expect.stringMatching(/^redis unavailable/),
        component: 'redis',
        // The redis package masks it; a host logger masks every URL's user-info again.
        url: expect.stringMatching(new RegExp(`^redis://:?\\*\\*\\*@127\\.0\\.0\\.1:${offline.port}$`)),
      });
      expect(a.lines.join('\n')).not.toContain(PASSWORD);
      expect(JSON.stringify(a.host.info())).not.toContain(PASSWORD);
    });

    it('tells watchers of every state change, as data', async () => {
      await startUpstream();
      const a = await replica();
      const seen: string[] = [];
      const stop = a.host.sharedStore!.onStateChange((status) =>
        seen.push(`${status.state} ${status.outages}`),
      );
      await redis.kill();
      await until(() => seen.length > 0, 'the outage is reported');
      await redis.restart();
      await until(() => seen.length > 1, 'the rejoin is reported');
      stop();
      expect(seen).toEqual(['down 1', 'up 1']);
      expect(a.host.sharedStore?.status()).toMatchObject({ state: 'up', rejoins: 1 });
    });
  },
);

describe('the redis section', () => {
  it('comes from MCP_PANTHER_REDIS_URL and MCP_PANTHER_REDIS_REPLICAS, its credentials as secrets', async () => {
    const loaded = await configFor({
      MCP_PANTHER_REDIS_URL: 'rediss://cache-user:pw%231234@cache.internal:6380/2',
      MCP_PANTHER_REDIS_REPLICAS: '3',
    });
    expect(redisConfig(loaded.sections)).toEqual({
      url: 'rediss://cache-user:pw%231234@cache.internal:6380/2',
      replicas: 3,
    });
    expect([...loaded.secrets].sort()).toEqual(['cache-user', 'pw#1234', 'pw%231234']);
  });

  it('is absent (no shared store) when unset', async () => {
    const loaded = await configFor({});
    expect(redisConfig(loaded.sections)).toBeUndefined();
    expect(loaded.secrets).toEqual([]);
    const part = redisSharedStore(redisConfig(loaded.sections));
    expect(
      await part({
        config: loaded.config,
        logger: createLogger({ level: 'warn', format: 'json', sink: memorySink() }),
      }),
    ).toBeUndefined();
  });

  it('refuses a URL that is not redis:// or rediss:// without echoing it', async () => {
    const error = await configFor({ MCP_PANTHER_REDIS_URL: 'https://admin:pw-5678@cache.internal' }).catch(
      (e: unknown) => e as Error,
    );
    expect(String(error)).toMatch(
      /redis\.url \(from MCP_PANTHER_REDIS_URL\): must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(String(error)).not.toContain('pw-5678');
  });

  it('refuses fewer than one replica, naming the field', async () => {
    const error = await configFor({
      MCP_PANTHER_REDIS_URL: 'redis://127.0.0.1:6379',
      MCP_PANTHER_REDIS_REPLICAS: '0',
    }).catch((e: unknown) => e as Error);
    expect(String(error)).toContain('redis.replicas (from MCP_PANTHER_REDIS_REPLICAS)');
  });
});
