/** The pack inside the real host pipeline (SDK client over an in-memory transport), with a recording fake Panther. */
import { createFakeClient, createTestHost, type FakeCall, type TestHost } from '@mcp-panther/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { datalakePack } from './index.js';
import { operations, queryState } from './testdata/helpers.js';

type Graphql = Extract<FakeCall, { kind: 'graphql' }>;

const SQL = "SELECT eventName FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('1 d')";

/** A fake Panther whose token holds `permissions` and whose queries run forever unless `finishAfter` polls. */
function fakePanther(permissions: string[], finishAfter = Number.POSITIVE_INFINITY) {
  let polls = 0;
  return createFakeClient((call) => {
    if (call.kind === 'rest') return { id: 't', name: 'test token', permissions };
    if (call.operation === 'ExecuteDataLakeQuery') return { executeDataLakeQuery: { id: 'q-host' } };
    if (call.operation === 'CancelDataLakeQuery') return { cancelDataLakeQuery: { id: 'q-host' } };
    polls++;
    return polls > finishAfter
      ? queryState('q-host', 'succeeded', { rows: [{ eventName: 'ConsoleLogin' }] })
      : queryState('q-host', 'running');
  });
}

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('datalake pack in the host', () => {
  it('shows each tool only to tokens holding its permission', async () => {
    const all = fakePanther(['DataAnalyticsRead', 'LogSourceRead']);
    host = await createTestHost({ packs: [datalakePack], panther: { client: all.client } });
    expect(await host.tools()).toHaveLength(9);
    await host.close();

    const dataOnly = fakePanther(['DataAnalyticsRead']);
    host = await createTestHost({ packs: [datalakePack], panther: { client: dataOnly.client } });
    expect(await host.tools()).not.toContain('list_log_type_schemas');
    expect(await host.tools()).toContain('query_data_lake');
    await host.close();

    const none = fakePanther(['AlertRead']);
    host = await createTestHost({ packs: [datalakePack], panther: { client: none.client } });
    expect(await host.tools()).toEqual([]);
  });

  it('keeps its tools/list answer, as the host serves it, under 6,500 characters', async () => {
    const fake = fakePanther(['DataAnalyticsRead', 'LogSourceRead']);
    host = await createTestHost({ packs: [datalakePack], panther: { client: fake.client } });
    const { tools } = await host.client.listTools();
    const size = JSON.stringify(tools).length;
    console.log(`datalake tools/list through the host: ${size} chars`);
    expect(tools).toHaveLength(9);
    expect(size).toBeLessThan(6500);
  });

  it('sends progress notifications while a query runs', async () => {
    const fake = fakePanther(['DataAnalyticsRead'], 2);
    host = await createTestHost({ packs: [datalakePack], panther: { client: fake.client } });
    const progress: { progress: number; message?: string | undefined }[] = [];
    const result = await host.client.callTool(
      { name: 'query_data_lake', arguments: { sql: SQL } },
      undefined,
      {
        onprogress: (p) => progress.push({ progress: p.progress, message: p.message }),
      },
    );
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      query_id: 'q-host',
      rows: [{ eventName: 'ConsoleLogin' }],
    });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[0]?.message).toBe('Submitted query q-host');
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.progress).toBeGreaterThan(progress[i - 1]!.progress);
    }
  });

  it('cancels the Panther query when the client cancels the call', async () => {
    const fake = fakePanther(['DataAnalyticsRead']);
    host = await createTestHost({ packs: [datalakePack], panther: { client: fake.client } });
    const abort = new AbortController();
    const call = host.client.callTool({ name: 'query_data_lake', arguments: { sql: SQL } }, undefined, {
      signal: abort.signal,
    });
    await vi.waitFor(() => expect(operations(fake)).toContain('GetDataLakeQuery'));
    abort.abort('user pressed stop');
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => expect(operations(fake)).toContain('CancelDataLakeQuery'));
    const cancel = fake.calls.find((c) => (c as Graphql).operation === 'CancelDataLakeQuery') as Graphql;
    expect(cancel.variables).toEqual({ input: { id: 'q-host' } });
  });

  it('returns the guard message as a tool error and sends nothing for hostile SQL', async () => {
    const fake = fakePanther(['DataAnalyticsRead']);
    host = await createTestHost({ packs: [datalakePack], panther: { client: fake.client } });
    const result = await host.call('query_data_lake', {
      sql: 'SELECT 1; DROP TABLE panther_logs.public.aws_cloudtrail',
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('Only one statement is allowed');
    expect(operations(fake)).toEqual([]);
  });

  it('names the argument and the allowed values for bad input', async () => {
    const fake = fakePanther(['DataAnalyticsRead']);
    host = await createTestHost({ packs: [datalakePack], panther: { client: fake.client } });
    const result = await host.call('get_alert_event_stats', { alert_ids: ['a'], time_window: 7 });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('time_window');
  });
});
