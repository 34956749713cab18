/**
 * The pack inside the real host pipeline (SDK client over an in-memory transport) against the sandbox: tool
 * visibility per token, the size of tools/list, progress, cancellation, and what reaches Panther.
 */
import { createTestHost, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, type SandboxTokenName, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { datalakePack } from './index.js';

const CT = 'panther_logs.public.aws_cloudtrail';
const EVER = "p_occurs_between('2000-01-01', '2100-01-01')";
/** A query the sandbox keeps in the `running` state for `ms` before running it. */
const slowSql = (ms: number) => `SELECT COUNT(*) AS n FROM ${CT} WHERE ${EVER} /* sandbox:sleep=${ms} */`;

let sandbox: Sandbox;
let host: TestHost | undefined;
beforeAll(async () => {
  sandbox = await startSandbox({ events: 2_000, seed: 9 });
});
afterEach(async () => {
  await host?.close();
  host = undefined;
});
afterAll(async () => {
  await sandbox?.close();
});

async function start(token: SandboxTokenName): Promise<TestHost> {
  host = await createTestHost({
    packs: [datalakePack],
    panther: { url: sandbox.url, token: sandbox.tokens[token] },
  });
  return host;
}

/** The status of a data lake query, read from the sandbox's GraphQL API with the admin token. */
async function queryStatus(id: string): Promise<string> {
  const response = await fetch(sandbox.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-API-Key': sandbox.tokens.admin },
    body: JSON.stringify({
      query: 'query ($id: ID!) { dataLakeQuery(id: $id) { status } }',
      variables: { id },
    }),
  });
  const body = (await response.json()) as { data: { dataLakeQuery: { status: string } } };
  return body.data.dataLakeQuery.status;
}

const route = (key: string) => sandbox.stats.requestsByRoute[key] ?? 0;

describe('datalake pack in the host', () => {
  it('shows each tool only to tokens holding its permission', async () => {
    // analyst: DataAnalyticsRead and LogSourceRead
    expect(await (await start('analyst')).tools()).toHaveLength(9);
    await host?.close();

    // responder: DataAnalyticsRead, no LogSourceRead
    const tools = await (await start('responder')).tools();
    expect(tools).not.toContain('list_log_type_schemas');
    expect(tools).toContain('query_data_lake');
    await host?.close();

    expect(await (await start('noAccess')).tools()).toEqual([]);
  });

  it('keeps its tools/list answer, as the host serves it, under 6,000 characters', async () => {
    const { tools } = await (await start('analyst')).client.listTools();
    const size = JSON.stringify(tools).length;
    console.log(`datalake tools/list through the host: ${size} chars`);
    expect(tools).toHaveLength(9);
    expect(size).toBeLessThan(6000);
  });

  it('sends progress notifications while a query runs', async () => {
    const h = await start('analyst');
    const progress: { progress: number; message?: string | undefined }[] = [];
    const result = await h.client.callTool(
      { name: 'query_data_lake', arguments: { sql: slowSql(2_000) } },
      undefined,
      { onprogress: (p) => progress.push({ progress: p.progress, message: p.message }) },
    );
    expect(result.isError).toBeFalsy();
    const content = result.structuredContent as { query_id: string; columns: string[]; rows: number[][] };
    expect(content.columns).toEqual(['n']);
    expect(content.rows[0]![0]).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[0]?.message).toBe(`Submitted query ${content.query_id}`);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.progress).toBeGreaterThan(progress[i - 1]!.progress);
    }
  });

  it('cancels the Panther query when the client cancels the call', async () => {
    const h = await start('analyst');
    const cancelled = sandbox.stats.cancelledQueries;
    const cancels = route('graphql cancelDataLakeQuery');
    const abort = new AbortController();
    let submitted: string | undefined;
    const call = h.client.callTool(
      { name: 'query_data_lake', arguments: { sql: slowSql(30_000) } },
      undefined,
      {
        signal: abort.signal,
        onprogress: (p) => {
          submitted ??= /^Submitted query (\S+)$/.exec(p.message ?? '')?.[1];
        },
      },
    );
    await vi.waitFor(() => expect(submitted).toBeDefined());
    expect(await queryStatus(submitted!)).toBe('running');
    abort.abort('user pressed stop');
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => expect(sandbox.stats.cancelledQueries).toBe(cancelled + 1), { timeout: 5_000 });
    expect(route('graphql cancelDataLakeQuery')).toBe(cancels + 1);
    expect(await queryStatus(submitted!)).toBe('cancelled');
  });

  it('returns the guard message as a tool error and sends nothing for hostile SQL', async () => {
    const h = await start('analyst');
    const requests = sandbox.stats.requests;
    const result = await h.call('query_data_lake', {
      sql: `SELECT 1; DROP TABLE ${CT}`,
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('Only one statement is allowed');
    expect(sandbox.stats.requests).toBe(requests);
  });

  it('names the argument and the allowed values for bad input', async () => {
    const h = await start('analyst');
    const requests = sandbox.stats.requests;
    const result = await h.call('get_alert_event_stats', { alert_ids: ['a'], time_window: 7 });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('time_window');
    expect(sandbox.stats.requests).toBe(requests);
  });
});
