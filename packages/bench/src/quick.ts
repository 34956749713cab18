#!/usr/bin/env node
import { startRedisServer } from '@mcp-panther/redis/testing';
import { ANSWERS_TARGET, answerSizes } from './answers.js';
import { writeHostConfigs } from './configs.js';
import { dataLakeCount } from './datalake.js';
import {
  callLatency,
  coldStart,
  focusedToolLists,
  httpThroughput,
  memory,
  type Row,
  telemetryLatency,
} from './measures.js';
import { startOtlpSink } from './otlpSink.js';
import { redisCallLatency, replicaScaling, serverSetup, statelessLatency } from './replicas.js';
import { renderAnswers, renderFocused, renderUntrusted } from './report.js';
import { ratio } from './stats.js';
import { untrustedFigures } from './untrusted.js';
import { startFixedLatencyUpstream } from './upstream.js';

const which = process.argv[2] ?? 'latency';
if (which === 'answers') {
  process.stdout.write(`${renderAnswers(await answerSizes(), ANSWERS_TARGET).join('\n')}\n`);
  process.exit(0);
}
if (which === 'untrusted') {
  process.stdout.write(`${renderUntrusted(await untrustedFigures({ quick: false })).join('\n')}\n`);
  process.exit(0);
}
const count = Number(process.argv[3] ?? 0);
const { cached, noCache: config, telemetry } = writeHostConfigs();
const upstream = await startFixedLatencyUpstream(which === 'memory' ? 0 : 5);
const withRedis = async (run: (url: string) => Promise<Row[]>): Promise<Row[]> => {
  const redis = await startRedisServer();
  try {
    return await run(redis.url);
  } finally {
    await redis.stop();
  }
};
/** Telemetry off against on, traces going to a collector stand-in that only this measure starts. */
const withTelemetry = async (calls: number): Promise<Row[]> => {
  const collector = await startOtlpSink();
  try {
    const measured = await telemetryLatency(upstream, { off: config, on: telemetry(collector.url) }, calls);
    process.stderr.write(`collector received ${collector.exports()} exports\n`);
    return measured;
  } finally {
    await collector.close();
  }
};
if (which === 'toolsets') {
  process.stdout.write(`${renderFocused(await focusedToolLists(upstream, cached)).join('\n')}\n`);
  await upstream.close();
  process.exit(0);
}
let rows: Row[] = [];
try {
  if (which === 'latency') rows = await callLatency(upstream, config, count || 200);
  else if (which === 'telemetry') rows = await withTelemetry(count || 200);
  else if (which === 'cold') rows = await coldStart(upstream, config, count || 5);
  else if (which === 'throughput') rows = await httpThroughput(upstream, config, [1, 8]);
  else if (which === 'memory') rows = await memory(upstream, config, count || 1000);
  else if (which === 'datalake') rows = (await dataLakeCount(count || 100_000, 3)).rows;
  else if (which === 'setup') rows = await serverSetup(upstream, count || 2_000);
  else if (which === 'stateless') rows = await statelessLatency(upstream, config, count || 200);
  else if (which === 'redis')
    rows = await withRedis((url) =>
      redisCallLatency(upstream, { cached, noCache: config }, url, count || 200),
    );
  else if (which === 'replicas')
    rows = await withRedis((url) => replicaScaling(upstream, config, url, 32, count || 20));
} finally {
  await upstream.close();
}
for (const row of rows) {
  process.stdout.write(
    `${row.measure.padEnd(45)} ${row.value.toFixed(2).padStart(9)} ${row.baseline.toFixed(2).padStart(9)} ${row.unit.padEnd(8)} ${ratio(row.value, row.baseline).toFixed(2)}x\n`,
  );
}
