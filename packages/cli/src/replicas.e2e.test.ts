import type { ChildProcess } from 'node:child_process';
import {
  type RedisServer,
  type RoundRobinProxy,
  startRedisServer,
  startRoundRobinProxy,
} from '@mcp-panther/redis/testing';
import type { Sandbox } from '@mcp-panther/sandbox';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  assertBuilt,
  baseEnv,
  connectHttp,
  killAll,
  startHttp,
  startPanther,
  tempDir,
  writeConfig,
} from './testdata/harness.js';

// Three replicas of the built server in stateless HTTP mode behind a round-robin front, sharing one Redis, with
// the sandbox behind a counting proxy: what replicas share, measured where it matters (upstream calls).

const REDIS_PASSWORD = 'replica-redis-pa55word';
const RATE = { requestsPerSecond: 5, burst: 5 };

interface Replica {
  readonly url: string;
  readonly process: ChildProcess;
  readonly stderr: () => string;
}

let redis: RedisServer;
let panther: Sandbox;
let upstream: RoundRobinProxy;
let front: RoundRobinProxy;
let replicas: Replica[] = [];
let alertIds: string[] = [];
/** The replicas' environment: Panther behind the counting proxy, Redis. */
let replicaEnv: Record<string, string>;
let tmp: Awaited<ReturnType<typeof tempDir>>;
const clients: Client[] = [];

/** Upstream requests whose path starts with `prefix` (the query string included in the match). */
const upstreamCalls = (prefix: string) => upstream.requests.filter((r) => r.url.startsWith(prefix)).length;

async function connect(url: string): Promise<Client> {
  const client = await connectHttp(url);
  clients.push(client);
  return client;
}

const ok = (result: CallToolResult): CallToolResult => {
  if (result.isError) throw new Error(`tool call failed: ${JSON.stringify(result.content)}`);
  return result;
};
const getAlert = async (client: Client, id: string) =>
  ok((await client.callTool({ name: 'get_alert', arguments: { alert_id: id } })) as CallToolResult);
const statusOf = (result: CallToolResult) =>
  (result.structuredContent as { alert: { status: string } }).alert.status;

/** One sample of a replica's /metrics (served to loopback scrapers). */
async function metric(replica: Replica, name: string): Promise<number> {
  const text = await (await fetch(replica.url.replace(/\/mcp$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (line === undefined) throw new Error(`no ${name} in /metrics`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Most requests in any one-second window, by arrival time. */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 1000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

async function until(condition: () => boolean, what: string, tries = 1000): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describeWithPrograms(
  ['redis-server'],
  'three stateless replicas sharing Redis behind a round-robin front',
  () => {
    beforeAll(async () => {
      assertBuilt();
      [redis, panther, tmp] = await Promise.all([
        startRedisServer({ password: REDIS_PASSWORD }),
        startPanther(),
        tempDir(),
      ]);
      upstream = await startRoundRobinProxy([panther.url]);
      const page = (await (
        await fetch(`${panther.url}/alerts?limit=50`, { headers: { 'X-API-Key': panther.tokens.admin } })
      ).json()) as { results: { id: string }[] };
      alertIds = page.results.map((alert) => alert.id);
      const config = await writeConfig(tmp.dir, 'replica.config.json', {
        server: { transport: 'streamable-http', host: '127.0.0.1', port: 0, stateless: true },
        // Writes go straight through: this test is about what replicas share, not about confirmations.
        policy: { mode: 'read-write', confirmWrites: 'never' },
        client: RATE,
        telemetry: { metrics: { enabled: true } },
      });
      replicaEnv = baseEnv({
        PANTHER_REST_API_URL: upstream.url,
        PANTHER_GQL_API_URL: `${upstream.url}/public/graphql`,
        PANTHER_API_TOKEN: panther.tokens.admin,
        MCP_PANTHER_REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${redis.port}`,
      });
      replicas = await Promise.all([0, 1, 2].map(() => startHttp(['--config', config], replicaEnv, 30_000)));
      front = await startRoundRobinProxy(replicas.map((replica) => replica.url.replace(/\/mcp$/, '')));
    }, 90_000);

    afterAll(async () => {
      await Promise.allSettled(clients.map((client) => client.close()));
      await killAll();
      await front?.close();
      await upstream?.close();
      await panther?.close();
      await redis?.stop();
      await tmp?.remove();
    });

    it('list the same tools on every replica, all connected to Redis, without showing its password', async () => {
      expect(alertIds.length).toBeGreaterThanOrEqual(40);
      const lists = await Promise.all(
        replicas.map(async (replica) =>
          JSON.stringify((await (await connect(replica.url)).listTools()).tools),
        ),
      );
      expect(JSON.parse(lists[0]!).length).toBeGreaterThan(30);
      expect(new Set(lists).size).toBe(1);
      for (const replica of replicas) expect(replica.stderr()).toContain('"msg":"redis connected"');
      expect(await metric(replicas[0]!, 'mcp_panther_shared_store_up{kind="redis"}')).toBe(1);
      const config = await (await connect(replicas[0]!.url)).readResource({ uri: 'config://panther' });
      const info = JSON.parse((config.contents[0] as { text: string }).text);
      expect(info.shared_store).toEqual({
        kind: 'redis',
        location: `redis://***@127.0.0.1:${redis.port}`,
        state: 'up',
        outages: expect.any(Number),
      });
      // On a loaded machine a command can outlast its 150 ms budget, which counts as an outage by design (the
      // replica serves locally meanwhile); anything else that took Redis away would be a fault.
      if (info.shared_store.outages > 0) {
        const reasons = [
          ...replicas[0]!.stderr().matchAll(/"msg":"redis unavailable[^\n]*"reason":"([^"]*)"/g),
        ];
        expect(reasons.map((m) => m[1])).not.toHaveLength(0);
        for (const [, reason] of reasons) expect(reason).toMatch(/did not answer within \d+ ms|ETIMEDOUT/);
      }
    });

    it('make one upstream call for 60 identical concurrent reads spread over the replicas, and none after', async () => {
      const client = await connect(`${front.url}/mcp`);
      const id = alertIds[0]!;
      const before = front.requests.length;
      const results = await Promise.all(Array.from({ length: 60 }, () => getAlert(client, id)));
      expect(new Set(results.map((r) => JSON.stringify(r.structuredContent))).size).toBe(1);
      const spread = [0, 0, 0];
      for (const request of front.requests.slice(before)) {
        if (request.method === 'POST') spread[request.target]! += 1;
      }
      expect(spread).toEqual([20, 20, 20]);
      expect(upstreamCalls(`/alerts/${id}`)).toBe(1);
      // The same read once more through each replica: all three answer from the shared cache.
      const again = front.requests.length;
      for (let i = 0; i < 3; i += 1) await getAlert(client, id);
      expect(new Set(front.requests.slice(again).map((r) => r.target)).size).toBe(3);
      expect(upstreamCalls(`/alerts/${id}`)).toBe(1);
    });

    it('show a write through one replica to a read through another that had cached the old value', async () => {
      const [a, b] = [await connect(replicas[0]!.url), await connect(replicas[1]!.url)];
      const id = alertIds[1]!;
      const old = statusOf(await getAlert(b, id));
      expect(statusOf(await getAlert(b, id))).toBe(old);
      const next = old === 'RESOLVED' ? 'TRIAGED' : 'RESOLVED';
      ok(
        (await a.callTool({
          name: 'update_alert_status',
          arguments: { alert_ids: [id], status: next },
        })) as CallToolResult,
      );
      expect(statusOf(await getAlert(b, id))).toBe(next);
    });

    it(`hold requestsPerSecond ${RATE.requestsPerSecond} and burst ${RATE.burst} for all replicas together`, async () => {
      const client = await connect(`${front.url}/mcp`);
      const ids = alertIds.slice(2, 32);
      const start = upstream.requests.length;
      // 60 distinct reads: each alert, and its comments.
      await Promise.all(
        ids.flatMap((id) => [
          getAlert(client, id),
          client
            .callTool({ name: 'list_alert_comments', arguments: { alert_id: id } })
            .then((r) => ok(r as CallToolResult)),
        ]),
      );
      const calls = upstream.requests.slice(start);
      expect(calls).toHaveLength(60);
      expect(busiestSecond(calls.map((r) => r.at))).toBeLessThanOrEqual(RATE.burst + RATE.requestsPerSecond);
    }, 60_000);

    it('keep a data lake query its caller’s on every replica: the owner pages it through another, nobody else through any', async () => {
      // Two replicas that tell callers apart by named static tokens, sharing the same Redis.
      const config = await writeConfig(tmp.dir, 'owners.config.json', {
        server: {
          transport: 'streamable-http',
          host: '127.0.0.1',
          port: 0,
          stateless: true,
          auth: {
            tokens: [
              { name: 'ann', tokenEnv: 'ANN_TOKEN', profile: 'analyst' },
              { name: 'bob', tokenEnv: 'BOB_TOKEN', profile: 'analyst' },
            ],
          },
        },
        // One profile, one Panther token: only the owner records keep ann's query hers.
        profiles: { analyst: { mode: 'read-only' } },
      });
      const tokens = { ann: 'ann-static-token-0123456789abcdef', bob: 'bob-static-token-0123456789abcdef' };
      const env = { ...replicaEnv, ANN_TOKEN: tokens.ann, BOB_TOKEN: tokens.bob };
      const pair = await Promise.all([0, 1].map(() => startHttp(['--config', config], env, 30_000)));
      try {
        const as = (who: keyof typeof tokens, replica: Replica) =>
          connectHttp(replica.url, { authorization: `Bearer ${tokens[who]}` }).then((client) => {
            clients.push(client);
            return client;
          });
        const query = (client: Client, args: Record<string, unknown>) =>
          client.callTool({ name: 'query_data_lake', arguments: args }) as Promise<CallToolResult>;
        const started = ok(
          await query(await as('ann', pair[0]!), {
            sql: "SELECT p_row_id FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_between('2000-01-01', '2100-01-01') ORDER BY p_row_id",
            max_rows: 2,
          }),
        );
        const { query_id: queryId, next_cursor: cursor } = started.structuredContent as {
          query_id: string;
          next_cursor: string;
        };
        const annOnOther = await as('ann', pair[1]!);
        for (const args of [{ cursor }, { query_id: queryId }]) {
          const page = ok(await query(annOnOther, args));
          expect((page.structuredContent as { query_id: string }).query_id).toBe(queryId);
        }
        for (const replica of pair) {
          const bob = await as('bob', replica);
          for (const args of [{ cursor }, { query_id: queryId }]) {
            const refused = await query(bob, args);
            expect(refused.isError).toBe(true);
            expect(JSON.stringify(refused.content)).toContain(`query ${queryId} is not one of your queries`);
          }
        }
      } finally {
        for (const replica of pair) replica.process.kill();
      }
    });

    it('fail no call while Redis is killed mid-run, warn, and share again once it is back', async () => {
      const client = await connect(`${front.url}/mcp`);
      const ids = alertIds.slice(32, 38);
      const reads = (round: number) =>
        Array.from({ length: 12 }, (_, i) =>
          client
            .callTool({ name: 'get_alert', arguments: { alert_id: ids[(i + round) % ids.length]! } })
            .then((r) => r as CallToolResult),
        );
      const during = [...reads(0)];
      await redis.kill();
      during.push(...reads(1));
      const afterKill = await Promise.all(during);
      const later = await Promise.all(reads(2));
      expect([...afterKill, ...later].filter((r) => r.isError)).toEqual([]);
      await until(
        () => replicas.every((replica) => replica.stderr().includes('"msg":"redis unavailable')),
        'every replica reports the outage',
      );

      await redis.restart();
      await until(
        () => replicas.every((replica) => replica.stderr().includes('"msg":"redis answers again')),
        'every replica rejoins',
      );
      const id = alertIds[40]!;
      const results = await Promise.all(Array.from({ length: 12 }, () => getAlert(client, id)));
      expect(results.every((r) => statusOf(r) === statusOf(results[0]!))).toBe(true);
      expect(upstreamCalls(`/alerts/${id}`)).toBeLessThanOrEqual(1);
      for (const replica of replicas) {
        const warnings = replica
          .stderr()
          .split('\n')
          .filter((line) => line.includes('"level":"warn"') && line.includes('redis unavailable'));
        // One per outage: the kill's (a command that missed its bound on a starved machine would add one).
        expect(warnings.length).toBeGreaterThanOrEqual(1);
        expect(replica.stderr()).not.toContain(REDIS_PASSWORD);
        expect(
          await metric(replica, 'mcp_panther_shared_store_outages_total{kind="redis"}'),
        ).toBeGreaterThanOrEqual(1);
        expect(await metric(replica, 'mcp_panther_shared_store_up{kind="redis"}')).toBe(1);
        expect(replica.stderr()).toContain(`redis://***@127.0.0.1:${redis.port}`);
      }
    }, 60_000);
  },
);
