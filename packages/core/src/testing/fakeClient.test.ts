import { describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { PantherApiError } from '../index.js';
import { failThing, listThings } from '../testdata/packs.js';
import { createFakeClient, createToolContext, runTool } from './fakeClient.js';

describe('createFakeClient', () => {
  it('records REST and GraphQL calls in order, with the operation name and variables', async () => {
    const fake = createFakeClient((call) => (call.kind === 'rest' ? [call.request.path] : { ok: true }));
    const signal = new AbortController().signal;
    await expect(fake.client.rest({ method: 'GET', path: '/a', query: { x: 1 } })).resolves.toEqual(['/a']);
    await expect(
      fake.client.graphql('query GetAlert($id: ID!) { alert(id: $id) { id } }', { id: 'a1' }, { signal }),
    ).resolves.toEqual({ ok: true });
    await fake.client.graphql('mutation\n  UpdateThing { x }');
    await fake.client.graphql('{ me { id } }');

    expect(fake.calls.map((c) => c.kind)).toEqual(['rest', 'graphql', 'graphql', 'graphql']);
    expect(fake.restCalls()).toEqual([{ method: 'GET', path: '/a', query: { x: 1 } }]);
    const [get, update, anonymous] = fake.graphqlCalls();
    expect(get).toMatchObject({ operation: 'GetAlert', variables: { id: 'a1' }, options: { signal } });
    expect(update).toMatchObject({ operation: 'UpdateThing', variables: {}, options: undefined });
    expect(anonymous?.operation).toBe('');
  });

  it('answers {} by default, passes on what the responder throws, and records invalidations', async () => {
    await expect(createFakeClient().client.rest({ method: 'GET', path: '/x' })).resolves.toEqual({});
    const denied = new PantherApiError('PERMISSION', 'forbidden', { status: 403 });
    const fake = createFakeClient(() => {
      throw denied;
    });
    await expect(fake.client.graphql('query Q { q }')).rejects.toBe(denied);
    expect(fake.calls).toHaveLength(1);
    fake.client.invalidate(['alerts', 'alert:a1']);
    expect(fake.invalidated).toEqual([['alerts', 'alert:a1']]);
  });
});

describe('createToolContext', () => {
  it('gives a silent logger, a read-write policy, a live signal and config', async () => {
    const { client } = createFakeClient();
    const abort = new AbortController();
    const context = createToolContext(client, { signal: abort.signal, config: { pageSize: 3 } });
    expect(context.client).toBe(client);
    expect(context.config).toEqual({ pageSize: 3 });
    expect(context.policy).toEqual({ mode: 'read-write' });
    expect(context.signal).toBe(abort.signal);
    context.logger.child({ tool: 't' }).info('nothing to see');
    await expect(context.progress(1)).resolves.toBeUndefined();
    expect(createToolContext(client).signal.aborted).toBe(false);
  });
});

describe('runTool', () => {
  it('applies input defaults, runs the handler with the client and checks the output schema', async () => {
    const fake = createFakeClient(() => [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    await expect(runTool(listThings, { page_size: 2 }, fake)).resolves.toEqual({
      things: [{ id: 'a' }, { id: 'b' }],
      total: 3,
    });
    expect(fake.restCalls()[0]).toMatchObject({ path: '/things', query: { severity: ['HIGH'] } });

    const wrong = createFakeClient(() => [{ name: 'no id' }]);
    await expect(runTool(listThings, {}, wrong)).rejects.toThrow(ZodError);
  });

  it('throws the input schema error before calling Panther', async () => {
    const fake = createFakeClient();
    await expect(runTool(listThings, { page_size: 99 }, fake)).rejects.toThrow(ZodError);
    expect(fake.calls).toEqual([]);
  });

  it('passes progress calls, the signal and config to the handler', async () => {
    const onProgress = vi.fn();
    const abort = new AbortController();
    const result = await runTool(
      failThing,
      { how: 'progress' },
      { client: createFakeClient().client, onProgress, signal: abort.signal, config: { pageSize: 7 } },
    );
    expect(result).toEqual({ done: true, config: { pageSize: 7 } });
    expect(onProgress.mock.calls).toEqual([
      [1, 2, 'half'],
      [2, 2],
    ]);
  });
});
