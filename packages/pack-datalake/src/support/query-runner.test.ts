/**
 * The error codes of the query runner: the caller's input is USER_INPUT; a query that does not finish in time is
 * TOOL_TIMEOUT, a call the client cancels is CANCELLED, and an unusable answer from Panther is TOOL_FAILED.
 * Time is faked, so the timeouts cost nothing.
 */
import { isMcpHostError } from '@mcp-panther/core';
import { createFakeClient, createToolContext, type FakeCall } from '@mcp-panther/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { operations, queryState } from '../testdata/helpers.js';
import { readPage, runQuery } from './query-runner.js';

type Graphql = Extract<FakeCall, { kind: 'graphql' }>;

/** A Panther whose query q-1 always has `status`, and that answers the submission with `submitted`. */
function panther(status: 'running' | 'failed' | 'cancelled', submitted: unknown = { id: 'q-1' }) {
  return createFakeClient((call) => {
    const { operation } = call as Graphql;
    if (operation === 'ExecuteDataLakeQuery') return { executeDataLakeQuery: submitted };
    if (operation === 'CancelDataLakeQuery') return { cancelDataLakeQuery: { id: 'q-1' } };
    return queryState('q-1', status, undefined, status === 'running' ? '' : 'stopped by an admin');
  });
}

/** The error a pending call ends with, after moving fake time far enough for any timeout. */
async function failure(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const settled = call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
  await vi.advanceTimersByTimeAsync(10_000);
  const error = await settled;
  if (!isMcpHostError(error)) throw error;
  return { code: error.code, message: error.message };
}

const OPTIONS = { timeoutSeconds: 1, pageSize: 10 };

describe('query runner errors', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a query of this call that runs past the timeout: TOOL_TIMEOUT, and the query is cancelled', async () => {
    const fake = panther('running');
    const error = await failure(runQuery(createToolContext(fake.client), 'SELECT 1', 'db', OPTIONS));
    expect(error.code).toBe('TOOL_TIMEOUT');
    expect(error.message).toContain('ran longer than the 1 s timeout, so it was cancelled in Panther');
    expect(operations(fake).at(-1)).toBe('CancelDataLakeQuery');
  });

  it('waiting for an earlier query past the timeout: TOOL_TIMEOUT, and the query keeps running', async () => {
    const fake = panther('running');
    const error = await failure(readPage(createToolContext(fake.client), { queryId: 'q-1', ...OPTIONS }));
    expect(error.code).toBe('TOOL_TIMEOUT');
    expect(error.message).toContain('still running after 1 s');
    expect(operations(fake)).not.toContain('CancelDataLakeQuery');
  });

  it('a call the client cancels: CANCELLED, cancelling the query only when this call submitted it', async () => {
    const own = panther('running');
    const abortOwn = new AbortController();
    const running = runQuery(createToolContext(own.client, { signal: abortOwn.signal }), 'SELECT 1', 'db', {
      ...OPTIONS,
      timeoutSeconds: 60,
    });
    await vi.advanceTimersByTimeAsync(600);
    abortOwn.abort('user pressed stop');
    const error = await failure(running);
    expect(error).toEqual({
      code: 'CANCELLED',
      message: 'The request was cancelled by the client, so query q-1 was cancelled in Panther.',
    });
    expect(operations(own).at(-1)).toBe('CancelDataLakeQuery');

    const earlier = panther('running');
    const abortEarlier = new AbortController();
    const waiting = readPage(createToolContext(earlier.client, { signal: abortEarlier.signal }), {
      queryId: 'q-1',
      ...OPTIONS,
      timeoutSeconds: 60,
    });
    await vi.advanceTimersByTimeAsync(600);
    abortEarlier.abort('user pressed stop');
    expect((await failure(waiting)).code).toBe('CANCELLED');
    expect(operations(earlier)).not.toContain('CancelDataLakeQuery');
  });

  it('Panther answering without a query id, or a query cancelled in Panther: TOOL_FAILED', async () => {
    const noId = panther('running', {});
    const error = await failure(runQuery(createToolContext(noId.client), 'SELECT 1', 'db', OPTIONS));
    expect(error).toEqual({
      code: 'TOOL_FAILED',
      message: 'Panther accepted the query but returned no query id.',
    });

    const cancelled = await failure(
      runQuery(createToolContext(panther('cancelled').client), 'SELECT 1', 'db', OPTIONS),
    );
    expect(cancelled.code).toBe('TOOL_FAILED');
    expect(cancelled.message).toContain('Query q-1 was cancelled in Panther');
  });

  it('SQL that Panther cannot run is the caller’s input: USER_INPUT on sql', async () => {
    const error = await failure(
      runQuery(createToolContext(panther('failed').client), 'SELECT x', 'db', OPTIONS),
    );
    expect(error).toEqual({
      code: 'USER_INPUT',
      message: 'Invalid argument "sql": Panther could not run query q-1: stopped by an admin',
    });
  });
});
