#!/usr/bin/env node
/**
 * `pnpm bench`: runs every measure against its baseline and writes bench-results.md at the repository root
 * (untracked, so a run leaves the clone clean); `pnpm bench --update-docs` writes docs/benchmarks.md instead.
 * BENCH_QUICK=1 runs smaller counts (for a smoke run); BENCH_EVENTS sets the data lake size (default 1,000,000).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '@mcp-panther/redis/testing';
import { ANSWERS_TARGET, answerSizes } from './answers.js';
import { writeHostConfigs } from './configs.js';
import { dataLakeCount } from './datalake.js';
import {
  cacheEffect,
  callLatency,
  coldStart,
  focusedToolLists,
  httpThroughput,
  memory,
  type Row,
  telemetryLatency,
  toolListSize,
} from './measures.js';
import { analysisNotes } from './notes.js';
import { startOtlpSink } from './otlpSink.js';
import { redisCallLatency, replicaScaling, serverSetup, statelessLatency } from './replicas.js';
import { renderReport } from './report.js';
import { untrustedFigures } from './untrusted.js';
import { startFixedLatencyUpstream } from './upstream.js';

/** The reference server's tools/list, compact JSON (shared/reference/mcp-panther-tools.md §9). */
const REFERENCE_TOOL_LIST_CHARS = 51_300;
/** The reference server's 36 tools stay within 23,000 characters; save_query adds about 500. */
const TOOL_LIST_TARGET_CHARS = 23_600;

const quick = process.env['BENCH_QUICK'] === '1';
// CloudTrail is 45% of the sandbox's events: 2.25M events give about a million CloudTrail rows.
const events = Number(process.env['BENCH_EVENTS'] ?? (quick ? 100_000 : 2_250_000));
const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

/** Replicas sharing Redis: scaling and the cost of the Redis parts. Needs `redis-server` (the bench starts it). */
async function replicaMeasures(
  upstream: Awaited<ReturnType<typeof startFixedLatencyUpstream>>,
  configs: { cached: string; noCache: string },
  rows: Row[],
): Promise<string[]> {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  try {
    redis = await startRedisServer();
  } catch (error) {
    return [`Replica and Redis measures skipped: ${(error as Error).message}`];
  }
  try {
    log('tools/call with Redis parts');
    rows.push(...(await redisCallLatency(upstream, configs, redis.url, quick ? 100 : 400)));
    log('replica scaling (32 clients, 1 vs 3 replicas)');
    rows.push(...(await replicaScaling(upstream, configs.noCache, redis.url, 32, quick ? 10 : 40)));
    return [];
  } finally {
    await redis.stop();
  }
}

async function main(): Promise<void> {
  const [load = 0] = loadavg();
  const collector = await startOtlpSink();
  const configs = writeHostConfigs();
  const upstream = await startFixedLatencyUpstream(5);
  const fastUpstream = await startFixedLatencyUpstream(0);
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    log('tools/list size');
    const toolList = await toolListSize(upstream, configs.cached);
    log('tools/list for focused connections (toolsets)');
    const focused = await focusedToolLists(upstream, configs.cached);
    log('characters per answer (sandbox)');
    const answers = await answerSizes();
    log('untrusted data: hidden text, detector, size and CPU cost (sandbox)');
    const untrusted = await untrustedFigures({ quick });
    log('call latency (stdio, http)');
    rows.push(...(await callLatency(upstream, configs.noCache, quick ? 100 : 400)));
    log('call latency with telemetry on (http)');
    rows.push(
      ...(await telemetryLatency(
        upstream,
        { off: configs.noCache, on: configs.telemetry(collector.url) },
        quick ? 100 : 400,
      )),
    );
    log('cold start');
    rows.push(...(await coldStart(upstream, configs.cached, quick ? 3 : 9)));
    log('cache and coalescing');
    rows.push(...(await cacheEffect(upstream, configs.cached)));
    log('HTTP throughput');
    rows.push(...(await httpThroughput(upstream, configs.noCache, [1, 8, 32])));
    log('stateless requests');
    rows.push(...(await serverSetup(upstream, quick ? 1_000 : 5_000)));
    rows.push(...(await statelessLatency(upstream, configs.noCache, quick ? 100 : 400)));
    notes.push(...(await replicaMeasures(upstream, configs, rows)));
    log('memory');
    rows.push(...(await memory(fastUpstream, configs.noCache, quick ? 1_000 : 10_000)));
    log(`sandbox data lake (${events} events)`);
    const lake = await dataLakeCount(events, quick ? 3 : 5);
    rows.push(...lake.rows);
    notes.push(
      `The sandbox with ${events.toLocaleString('en-US')} events started in ${Math.round(lake.startMs)} ms.`,
    );
    notes.push(
      'Upstream latency is 5 ms for latency, cache and throughput measures, 0 ms for the memory run.',
    );
    notes.push(...analysisNotes(rows));
    const markdown = renderReport({
      rows,
      toolList,
      focused,
      referenceCharacters: REFERENCE_TOOL_LIST_CHARS,
      toolListTarget: TOOL_LIST_TARGET_CHARS,
      answers,
      answersTarget: ANSWERS_TARGET,
      load,
      untrusted,
      notes,
    });
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    const target = process.argv.includes('--update-docs')
      ? join(root, 'docs', 'benchmarks.md')
      : join(root, 'bench-results.md');
    writeFileSync(target, markdown);
    process.stdout.write(`${markdown}\nWritten to ${target}\n`);
  } finally {
    await upstream.close();
    await fastUpstream.close();
    await collector.close();
  }
}

await main();
