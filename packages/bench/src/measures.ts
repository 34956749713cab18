/**
 * Each measure runs the same workload against the mcp-panther host and against its baseline, in the same run,
 * and returns rows for the report.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { elapsedMs, median, percentile } from './stats.js';
import {
  connectHttpClient,
  connectStdio,
  cpuMs,
  type HttpTarget,
  rssMiB,
  startHttp,
  type TargetKind,
  type TargetOptions,
} from './targets.js';
import type { FixedLatencyUpstream } from './upstream.js';

export interface Row {
  measure: string;
  value: number;
  baseline: number;
  unit: string;
  /** Upper bound for value/baseline (or for the value, with `absolute`). */
  target?: { max: number; absolute?: boolean; note?: string };
  /** Lower is better unless set. */
  higherIsBetter?: boolean;
}

const ALERT_ID = 'a0f3e2d1c4b5a6978877665544332211';
const ALERT_CALL = { name: 'get_alert', arguments: { alert_id: ALERT_ID } };

/** Sequential get_alert calls for one alert id; the latency of each, in ms. */
export async function timeCalls(client: Client, count: number, alertId = ALERT_ID): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const result = await client.callTool({ name: 'get_alert', arguments: { alert_id: alertId } });
    samples.push(elapsedMs(start));
    if (result.isError) throw new Error(`get_alert failed: ${JSON.stringify(result.content)}`);
  }
  return samples;
}

export function targetOptions(
  kind: TargetKind,
  upstream: FixedLatencyUpstream,
  configPath: string,
  env?: Record<string, string>,
): TargetOptions {
  return {
    kind,
    upstreamUrl: upstream.url,
    upstreamToken: upstream.token,
    configPath,
    ...(env === undefined ? {} : { env }),
  };
}

/**
 * One server over HTTP and one session: 20 warm-up calls, then `count` timed calls. Their latencies, and the CPU
 * time the server spent on them (steadier than wall time on a busy machine).
 */
export async function timedHttpRun(
  options: TargetOptions,
  count: number,
): Promise<{ samples: number[]; cpuMs: number }> {
  const target = await startHttp(options);
  const client = await target.connect();
  await timeCalls(client, 20);
  const before = cpuMs(target.pid);
  const samples = await timeCalls(client, count);
  const spent = cpuMs(target.pid) - before;
  await target.close();
  return { samples, cpuMs: spent };
}

/** p50/p99 of sequential tools/call for a cheap read, over stdio and HTTP, host vs bare. */
export async function callLatency(
  upstream: FixedLatencyUpstream,
  noCacheConfig: string,
  calls: number,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const transport of ['stdio', 'http'] as const) {
    const samples: Record<TargetKind, number[]> = { host: [], bare: [] };
    // Interleave rounds so that machine noise hits both sides alike.
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['bare', 'host'] as const) {
        const options = targetOptions(kind, upstream, noCacheConfig);
        if (transport === 'stdio') {
          const target = await connectStdio(options);
          await timeCalls(target.client, 20);
          samples[kind].push(...(await timeCalls(target.client, Math.ceil(calls / rounds))));
          await target.close();
        } else {
          const target = await startHttp(options);
          const client = await target.connect();
          await timeCalls(client, 20);
          samples[kind].push(...(await timeCalls(client, Math.ceil(calls / rounds))));
          await target.close();
        }
      }
    }
    for (const p of [50, 99]) {
      rows.push({
        measure: `tools/call p${p} over ${transport}`,
        value: percentile(samples.host, p),
        baseline: percentile(samples.bare, p),
        unit: 'ms',
        ...(p === 50 ? { target: { max: 1.1 } } : {}),
      });
    }
  }
  return rows;
}

/**
 * Sequential tools/call over HTTP with metrics and traces on (spans exported to a local collector stand-in): p50
 * and p99 against the bare server, and the server's CPU time per call with telemetry off and on against the bare
 * server's (CPU time is steadier than wall time on a busy machine).
 */
export async function telemetryLatency(
  upstream: FixedLatencyUpstream,
  configs: { readonly off: string; readonly on: string },
  calls: number,
): Promise<Row[]> {
  const kinds = ['bare', 'off', 'on'] as const;
  const samples: Record<(typeof kinds)[number], number[]> = { bare: [], off: [], on: [] };
  const cpu: Record<(typeof kinds)[number], number> = { bare: 0, off: 0, on: 0 };
  const rounds = 4;
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const kind of kinds) {
      const config = kind === 'on' ? configs.on : configs.off;
      const run = await timedHttpRun(
        targetOptions(kind === 'bare' ? 'bare' : 'host', upstream, config),
        perRound,
      );
      samples[kind].push(...run.samples);
      cpu[kind] += run.cpuMs;
    }
  }
  const perCall = (kind: (typeof kinds)[number]) => cpu[kind] / (rounds * perRound);
  return [
    ...[50, 99].map((p) => ({
      measure: `tools/call p${p} over http, telemetry on (metrics and traces)`,
      value: percentile(samples.on, p),
      baseline: percentile(samples.bare, p),
      unit: 'ms',
    })),
    {
      measure: 'server CPU per tools/call over http, telemetry off',
      value: perCall('off'),
      baseline: perCall('bare'),
      unit: 'ms',
    },
    {
      measure: 'server CPU per tools/call over http, telemetry on',
      value: perCall('on'),
      baseline: perCall('bare'),
      unit: 'ms',
    },
  ];
}

/** Process start to the first tools/list answer, over stdio, median of several starts. */
export async function coldStart(
  upstream: FixedLatencyUpstream,
  config: string,
  runs: number,
): Promise<Row[]> {
  const samples: Record<TargetKind, number[]> = { host: [], bare: [] };
  for (let i = 0; i < runs; i++) {
    for (const kind of ['bare', 'host'] as const) {
      const start = process.hrtime.bigint();
      const target = await connectStdio(targetOptions(kind, upstream, config));
      await target.client.listTools();
      samples[kind].push(elapsedMs(start));
      await target.close();
    }
  }
  const host = median(samples.host);
  const bare = median(samples.bare);
  return [
    {
      measure: 'cold start to first tools/list (median)',
      value: host,
      baseline: bare,
      unit: 'ms',
      target: { max: 1.2 },
    },
    {
      measure: 'cold start, absolute',
      value: host,
      baseline: bare,
      unit: 'ms',
      target: { max: 400, absolute: true, note: '< 400 ms' },
    },
  ];
}

export interface ToolListSize {
  tools: number;
  characters: number;
  perTool: { name: string; characters: number }[];
}

/** Size of the tools/list payload (compact JSON of the `tools` array). */
export async function toolListSize(upstream: FixedLatencyUpstream, config: string): Promise<ToolListSize> {
  const target = await connectStdio(targetOptions('host', upstream, config));
  const { tools } = await target.client.listTools();
  await target.close();
  return {
    tools: tools.length,
    characters: JSON.stringify(tools).length,
    perTool: tools
      .map((tool) => ({ name: tool.name, characters: JSON.stringify(tool).length }))
      .sort((a, b) => b.characters - a.characters),
  };
}

/** One connection's tools/list: what it asked for (its URL path below /mcp) and what it got. */
export interface FocusedToolList {
  readonly connection: string;
  readonly path: string;
  readonly tools: number;
  readonly characters: number;
}

/** The connections the focused measure opens, each by URL path (the headers would give the same lists). */
export const FOCUSED_CONNECTIONS: readonly { connection: string; path: string }[] = [
  { connection: 'every tool (read-write)', path: '/mcp' },
  { connection: 'alerts only', path: '/mcp/x/alerts' },
  { connection: 'data lake only', path: '/mcp/x/datalake' },
  { connection: 'read-only', path: '/mcp/readonly' },
  { connection: 'alerts and data lake, read-only', path: '/mcp/x/alerts+datalake/readonly' },
];

/**
 * tools/list size for connections that ask for one job's tools (toolsets per connection), against every tool:
 * one host over HTTP, one connection per toolset path.
 */
export async function focusedToolLists(
  upstream: FixedLatencyUpstream,
  config: string,
): Promise<FocusedToolList[]> {
  const target = await startHttp(targetOptions('host', upstream, config));
  try {
    const lists: FocusedToolList[] = [];
    for (const { connection, path } of FOCUSED_CONNECTIONS) {
      const client = await connectHttpClient(new URL(path, target.url));
      const { tools } = await client.listTools();
      await client.close();
      lists.push({ connection, path, tools: tools.length, characters: JSON.stringify(tools).length });
    }
    return lists;
  } finally {
    await target.close();
  }
}

/** Upstream calls for 100 repeated reads and for 50 concurrent identical reads (host cache on vs bare). */
export async function cacheEffect(upstream: FixedLatencyUpstream, cachedConfig: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, run] of [
    ['upstream calls for 100 repeated reads', (c: Client) => timeCalls(c, 100)],
    [
      'upstream calls for 50 concurrent identical reads',
      (c: Client) => Promise.all(Array.from({ length: 50 }, () => c.callTool(ALERT_CALL))),
    ],
  ] as const) {
    const counts: Record<TargetKind, number> = { host: 0, bare: 0 };
    for (const kind of ['bare', 'host'] as const) {
      const target = await connectStdio(targetOptions(kind, upstream, cachedConfig));
      upstream.reset();
      await run(target.client);
      counts[kind] = upstream.counts.get('GET /alerts/{id}') ?? 0;
      await target.close();
    }
    rows.push({ measure: label, value: counts.host, baseline: counts.bare, unit: 'calls' });
  }
  return rows;
}

async function throughputOf(
  target: HttpTarget,
  concurrency: number,
  callsPerClient: number,
): Promise<number> {
  const clients = await Promise.all(Array.from({ length: concurrency }, () => target.connect()));
  await Promise.all(clients.map((c) => timeCalls(c, 5)));
  const start = process.hrtime.bigint();
  await Promise.all(clients.map((c) => timeCalls(c, callsPerClient)));
  return (concurrency * callsPerClient) / (elapsedMs(start) / 1000);
}

/** Tool calls per second over HTTP at several client counts, host vs bare. */
export async function httpThroughput(
  upstream: FixedLatencyUpstream,
  noCacheConfig: string,
  levels: readonly number[],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const concurrency of levels) {
    const result: Record<TargetKind, number> = { host: 0, bare: 0 };
    for (const kind of ['bare', 'host'] as const) {
      const target = await startHttp(targetOptions(kind, upstream, noCacheConfig));
      result[kind] = await throughputOf(target, concurrency, Math.max(20, Math.ceil(400 / concurrency)));
      await target.close();
    }
    rows.push({
      measure: `HTTP throughput, ${concurrency} client${concurrency === 1 ? '' : 's'}`,
      value: result.host,
      baseline: result.bare,
      unit: 'calls/s',
      higherIsBetter: true,
    });
  }
  return rows;
}

/** Resident memory after start and after N calls, over stdio. */
export async function memory(upstream: FixedLatencyUpstream, config: string, calls: number): Promise<Row[]> {
  const after: Record<TargetKind, { start: number; end: number }> = {
    host: { start: 0, end: 0 },
    bare: { start: 0, end: 0 },
  };
  for (const kind of ['bare', 'host'] as const) {
    const target = await connectStdio(targetOptions(kind, upstream, config));
    await target.client.listTools();
    after[kind].start = rssMiB(target.pid);
    await timeCalls(target.client, calls);
    after[kind].end = rssMiB(target.pid);
    await target.close();
  }
  return [
    {
      measure: 'resident memory after start',
      value: after.host.start,
      baseline: after.bare.start,
      unit: 'MiB',
    },
    {
      measure: `resident memory after ${calls.toLocaleString('en-US')} calls`,
      value: after.host.end,
      baseline: after.bare.end,
      unit: 'MiB',
    },
  ];
}
