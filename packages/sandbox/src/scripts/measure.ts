/**
 * Measures start-up time and a data lake count at several sizes. Not part of the test suite. Run one size
 * per process for clean memory figures; the machine's load shows in wall times, not in CPU times.
 *   pnpm exec tsc -b packages/sandbox && node packages/sandbox/dist/scripts/measure.js [events...]
 * Default sizes: 20,000 events (the default), 1,000,000 events, and 2,222,223 events (1,000,000
 * CloudTrail rows, CloudTrail being 45% of the events).
 */
import { startSandbox } from '../startSandbox.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function gql(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-API-Key': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: measurement script reads known shapes
  return (await response.json()) as any;
}

async function timeQuery(url: string, token: string, sql: string) {
  const started = performance.now();
  const { data } = await gql(
    url,
    token,
    'mutation($sql: String!) { executeDataLakeQuery(input: {sql: $sql}) { id } }',
    { sql },
  );
  const id = data.executeDataLakeQuery.id as string;
  for (;;) {
    const poll = await gql(
      url,
      token,
      'query($id: ID!) { dataLakeQuery(id: $id) { status message results { edges { node } stats { executionTime } } } }',
      { id },
    );
    const q = poll.data.dataLakeQuery;
    if (q.status !== 'running') {
      return { wallMs: Math.round(performance.now() - started), engineMs: q.results?.stats.executionTime, q };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function measure(events: number): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const sandbox = await startSandbox({ events });
  const startMs = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  const startCpuMs = Math.round((used.user + used.system) / 1000);
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  const count = await timeQuery(
    sandbox.graphqlUrl,
    sandbox.tokens.admin,
    "SELECT count(*) AS n FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('7 d')",
  );
  const all = await timeQuery(
    sandbox.graphqlUrl,
    sandbox.tokens.admin,
    'SELECT count(*) AS n FROM panther_logs.public.aws_cloudtrail',
  );
  const grouped = await timeQuery(
    sandbox.graphqlUrl,
    sandbox.tokens.admin,
    "SELECT eventName, count(*) AS n FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('1 d') AND userIdentity:type = 'IAMUser' GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
  );
  await sandbox.close();
  out(
    [
      `events=${events}`,
      `cloudtrail_rows=${all.q.results.edges[0].node.n}`,
      `start=${startMs}ms (cpu ${startCpuMs}ms)`,
      `count_since_7d=${count.wallMs}ms (engine ${count.engineMs}ms, n=${count.q.results.edges[0].node.n})`,
      `json_path_group=${grouped.wallMs}ms (engine ${grouped.engineMs}ms)`,
      `rss_after_start=${rssMb}MB`,
    ].join('  '),
  );
}

const sizes = process.argv.slice(2).map(Number);
for (const events of sizes.length > 0 ? sizes : [20_000, 1_000_000, 2_222_223]) await measure(events);
