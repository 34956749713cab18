/**
 * Replica measures: what several stateless replicas sharing Redis gain in throughput, what the Redis parts cost
 * per call, and what serving each request with a fresh server (stateless HTTP) costs the host.
 */
import { dirname } from 'node:path';
import { createHost, parseConfig } from '@mcp-panther/core';
import { startRoundRobinProxy } from '@mcp-panther/redis/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { z } from 'zod';
import { type Row, targetOptions, timeCalls, timedHttpRun } from './measures.js';
import { elapsedMs, percentile } from './stats.js';
import { connectHttpClient, cpuMs, type HttpTarget, hostBin, startHttp } from './targets.js';
import type { FixedLatencyUpstream } from './upstream.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

interface Throughput {
  /** Tool calls per second. */
  readonly rate: number;
  /** CPU time the replicas spent per tool call, all together, in ms. */
  readonly cpuPerCall: number;
}

/**
 * Tool calls per second from `clients` clients through a round-robin front to `count` stateless replicas.
 * Each client reads its own alert, so calls are not coalesced across clients: every call is work for a replica.
 */
async function throughputThroughFront(
  upstream: FixedLatencyUpstream,
  configPath: string,
  env: Record<string, string>,
  count: number,
  clients: number,
  callsPerClient: number,
): Promise<Throughput> {
  const replicas: HttpTarget[] = await Promise.all(
    range(count).map(() => startHttp(targetOptions('host', upstream, configPath, env))),
  );
  const front = await startRoundRobinProxy(replicas.map((replica) => replica.url.origin));
  const connected: Client[] = [];
  const cpu = () => replicas.reduce((sum, replica) => sum + cpuMs(replica.pid), 0);
  try {
    const url = new URL('/mcp', front.url);
    connected.push(...(await Promise.all(range(clients).map(() => connectHttpClient(url)))));
    const id = (i: number) => `a0f3e2d1c4b5a69788776655443322${String(i).padStart(2, '0')}`;
    await Promise.all(connected.map((client, i) => timeCalls(client, 5, id(i))));
    const cpuBefore = cpu();
    const start = process.hrtime.bigint();
    await Promise.all(connected.map((client, i) => timeCalls(client, callsPerClient, id(i))));
    const calls = clients * callsPerClient;
    return { rate: calls / (elapsedMs(start) / 1000), cpuPerCall: (cpu() - cpuBefore) / calls };
  } finally {
    await Promise.allSettled(connected.map((client) => client.close()));
    await front.close();
    await Promise.all(replicas.map((replica) => replica.close()));
  }
}

/** Throughput at `clients` clients: three stateless replicas sharing Redis against one, behind the same front. */
export async function replicaScaling(
  upstream: FixedLatencyUpstream,
  noCacheConfig: string,
  redisUrl: string,
  clients: number,
  callsPerClient: number,
): Promise<Row[]> {
  const env = { MCP_HTTP_STATELESS: 'true', MCP_PANTHER_REDIS_URL: redisUrl };
  const result: Record<1 | 3, Throughput[]> = { 1: [], 3: [] };
  // Alternate so that machine noise hits both alike.
  for (let round = 0; round < 2; round++) {
    for (const count of [1, 3] as const) {
      result[count].push(
        await throughputThroughFront(upstream, noCacheConfig, env, count, clients, callsPerClient),
      );
    }
  }
  const best = (runs: Throughput[]) => Math.max(...runs.map((run) => run.rate));
  const cpu = (runs: Throughput[]) => Math.min(...runs.map((run) => run.cpuPerCall));
  return [
    {
      measure: `HTTP throughput, ${clients} clients: 3 stateless replicas sharing Redis vs 1 (round-robin front)`,
      value: best(result[3]),
      baseline: best(result[1]),
      unit: 'calls/s',
      higherIsBetter: true,
    },
    {
      measure: 'replica CPU per tools/call (all replicas together): 3 replicas vs 1',
      value: cpu(result[3]),
      baseline: cpu(result[1]),
      unit: 'ms',
    },
  ];
}

interface Latency {
  readonly p50: { readonly value: number; readonly baseline: number };
  /** Server CPU time per call, in ms. */
  readonly cpu: { readonly value: number; readonly baseline: number };
}

/** p50 and server CPU of sequential calls over HTTP sessions, the same host with `env` against without. */
async function p50With(
  upstream: FixedLatencyUpstream,
  configPath: string,
  env: Record<string, string>,
  calls: number,
): Promise<Latency> {
  const samples = { value: [] as number[], baseline: [] as number[] };
  const cpu = { value: 0, baseline: 0 };
  const rounds = 4;
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const side of ['baseline', 'value'] as const) {
      const options = targetOptions('host', upstream, configPath, side === 'value' ? env : {});
      const run = await timedHttpRun(options, perRound);
      samples[side].push(...run.samples);
      cpu[side] += run.cpuMs;
    }
  }
  return {
    p50: { value: percentile(samples.value, 50), baseline: percentile(samples.baseline, 50) },
    cpu: { value: cpu.value / (perRound * rounds), baseline: cpu.baseline / (perRound * rounds) },
  };
}

/** tools/call p50 with the Redis parts against the in-memory ones: going upstream, and served from the cache. */
export async function redisCallLatency(
  upstream: FixedLatencyUpstream,
  configs: { cached: string; noCache: string },
  redisUrl: string,
  calls: number,
): Promise<Row[]> {
  const env = { MCP_PANTHER_REDIS_URL: redisUrl };
  const upstreamEach = await p50With(upstream, configs.noCache, env, calls);
  const cacheHit = await p50With(upstream, configs.cached, env, calls);
  return [
    {
      measure: 'tools/call p50 over HTTP, Redis parts vs in-memory (each call goes upstream)',
      ...upstreamEach.p50,
      unit: 'ms',
    },
    {
      measure: 'server CPU per tools/call, Redis parts vs in-memory (each call goes upstream)',
      ...upstreamEach.cpu,
      unit: 'ms',
    },
    { measure: 'tools/call p50 over HTTP, a cache hit: Redis vs in-memory', ...cacheHit.p50, unit: 'ms' },
    { measure: 'server CPU per tools/call, a cache hit: Redis vs in-memory', ...cacheHit.cpu, unit: 'ms' },
  ];
}

/** tools/call p50 over stateless HTTP (a fresh server per request) against HTTP sessions, same host. */
export async function statelessLatency(
  upstream: FixedLatencyUpstream,
  noCacheConfig: string,
  calls: number,
): Promise<Row[]> {
  const measured = await p50With(upstream, noCacheConfig, { MCP_HTTP_STATELESS: 'true' }, calls);
  return [
    { measure: 'tools/call p50, stateless HTTP vs HTTP sessions', ...measured.p50, unit: 'ms' },
    { measure: 'server CPU per tools/call, stateless HTTP vs HTTP sessions', ...measured.cpu, unit: 'ms' },
  ];
}

/**
 * What a stateless request pays before its call runs: building the server, in process. The host's (36 tools,
 * 5 prompts and config://panther, from data prepared once) against a bare SDK server registering its one tool.
 */
export async function serverSetup(upstream: FixedLatencyUpstream, count: number): Promise<Row[]> {
  const host = await createHost({
    config: parseConfig({
      panther: { restUrl: upstream.url, graphqlUrl: `${upstream.url}/public/graphql`, token: upstream.token },
      policy: { mode: 'read-write' },
      logging: { level: 'error' },
    }),
    resolveFrom: [dirname(dirname(hostBin()))],
  });
  // One validator for every bare server, as the host shares one (the SDK otherwise builds Ajv per server).
  const validator = new AjvJsonSchemaValidator();
  const bare = () => {
    const server = new McpServer({ name: 'bare', version: '0.0.0' }, { jsonSchemaValidator: validator });
    server.registerTool(
      'get_alert',
      { description: 'Get one alert by id.', inputSchema: z.object({ alert_id: z.string().min(1) }) },
      async () => ({ content: [] }),
    );
    return server;
  };
  const perServerUs = (build: () => unknown): number => {
    for (let i = 0; i < Math.min(500, count); i++) build();
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) build();
    return (elapsedMs(start) * 1000) / count;
  };
  try {
    const samples = { host: [] as number[], bare: [] as number[] };
    for (let round = 0; round < 3; round++) {
      samples.bare.push(perServerUs(bare));
      samples.host.push(perServerUs(() => host.createServer()));
    }
    return [
      {
        measure: `server set-up per stateless request (${host.info().available_tools.length} tools, prompts, resource)`,
        value: Math.min(...samples.host),
        baseline: Math.min(...samples.bare),
        unit: 'µs',
      },
    ];
  } finally {
    await host.close();
  }
}
