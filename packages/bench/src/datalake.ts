/**
 * The sandbox data lake: a p_occurs_since count over a million CloudTrail rows through the sandbox's GraphQL
 * API, against the same count run directly in DuckDB on a table of the same size (the engine's own floor).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { startSandbox } from '@mcp-panther/sandbox';
import type { Row } from './measures.js';
import { EXECUTE, graphqlCall as graphql, sandboxApi } from './sandboxApi.js';
import { elapsedMs, median } from './stats.js';

const POLL = 'query Poll($id: ID!) { dataLakeQuery(id: $id) { status message results { edges { node } } } }';

async function sandboxCount(graphqlUrl: string, token: string, sql: string): Promise<number> {
  const start = process.hrtime.bigint();
  const data = await graphql(graphqlUrl, token, EXECUTE, {
    input: { sql, databaseName: 'panther_logs.public' },
  });
  const id = (data['executeDataLakeQuery'] as { id: string }).id;
  for (;;) {
    const poll = (await graphql(graphqlUrl, token, POLL, { id }))['dataLakeQuery'] as {
      status: string;
      message: string;
    };
    if (poll.status === 'succeeded') return elapsedMs(start);
    if (poll.status !== 'running') throw new Error(`query ${poll.status}: ${poll.message}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function duckdbCount(rows: number, runs: number): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(
    `CREATE TABLE t AS SELECT now()::TIMESTAMP - to_seconds(i % (14 * 86400)) AS p_event_time, i AS id FROM range(${rows}) r(i)`,
  );
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await conn.runAndReadAll(
      `SELECT count(*) FROM t WHERE p_event_time >= now()::TIMESTAMP - INTERVAL 1 DAY`,
    );
    samples.push(elapsedMs(start));
  }
  conn.closeSync();
  return median(samples);
}

export async function dataLakeCount(events: number, runs: number): Promise<{ rows: Row[]; startMs: number }> {
  const start = process.hrtime.bigint();
  const sandbox = await startSandbox({ events, seed: 1 });
  const startMs = elapsedMs(start);
  try {
    const rowsSql = 'SELECT count(*) AS n FROM panther_logs.public.aws_cloudtrail';
    const api = sandboxApi({ url: sandbox.url, graphqlUrl: sandbox.graphqlUrl, token: sandbox.tokens.admin });
    const [counted] = await api.sql(rowsSql);
    const cloudTrailRows = Number(counted?.['n'] ?? 0);
    const sql = "SELECT count(*) AS n FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('1 d')";
    const samples: number[] = [];
    for (let i = 0; i < runs; i++)
      samples.push(await sandboxCount(sandbox.graphqlUrl, sandbox.tokens.admin, sql));
    const baseline = await duckdbCount(cloudTrailRows, runs);
    return {
      startMs,
      rows: [
        {
          measure: `data lake p_occurs_since count over ${cloudTrailRows.toLocaleString('en-US')} CloudTrail rows (sandbox API vs bare DuckDB)`,
          value: median(samples),
          baseline,
          unit: 'ms',
          target: { max: 2000, absolute: true, note: '< 2 s' },
        },
      ],
    };
  } finally {
    await sandbox.close();
  }
}
