import { afterEach, describe, expect, it } from 'vitest';
import { createPantherClient } from './createPantherClient.js';
import type { UpstreamCallEvent } from './observe/upstreamCallEvent.js';
import { clientFor, rejectionOf, TEST_TOKEN } from './testdata/harness.js';
import { type FakeUpstream, startFakeUpstream } from './testing/index.js';
import type { PantherClient } from './types.js';

let upstream: FakeUpstream;
let client: PantherClient;
afterEach(async () => {
  await client?.close();
  await upstream?.close();
});

describe('onUpstreamCall', () => {
  it('reports each attempt with its route, status, attempt number and the caller signal', async () => {
    let failures = 1;
    upstream = await startFakeUpstream((request) => {
      if (request.path.endsWith('/events') && failures-- > 0)
        return { status: 503, json: { message: 'busy' } };
      return { json: { ok: true } };
    });
    const events: UpstreamCallEvent[] = [];
    client = clientFor(upstream, { onUpstreamCall: (event) => events.push(event) });
    const caller = new AbortController();
    const before = Date.now();
    await client.rest({
      method: 'GET',
      path: '/alerts/a0f3e2d1/events',
      query: { q: 'x' },
      signal: caller.signal,
    });
    expect(events).toHaveLength(2);
    expect(events.map((e) => [e.operation, e.status, e.code, e.attempt])).toEqual([
      ['GET /alerts/{id}/events', 503, 'UPSTREAM', 1],
      ['GET /alerts/{id}/events', 200, undefined, 2],
    ]);
    for (const event of events) {
      expect(event.api).toBe('rest');
      expect(event.signal).toBe(caller.signal);
      expect(event.durationMs).toBeGreaterThanOrEqual(0);
      expect(event.startTime).toBeGreaterThanOrEqual(before - 1);
    }
  });

  it('names GraphQL calls by operation and reports failures with their code', async () => {
    upstream = await startFakeUpstream(() => ({ status: 404, json: { message: 'nope' } }));
    const events: UpstreamCallEvent[] = [];
    client = clientFor(upstream, { onUpstreamCall: (event) => events.push(event) });
    await rejectionOf(client.graphql('query GetThing { thing { id } }'));
    expect(events).toMatchObject([{ api: 'graphql', operation: 'GetThing', status: 404, code: 'NOT_FOUND' }]);
    expect(events[0]?.signal).toBeUndefined();
  });

  it('reports one attempt for reads that joined a call in flight, and none for cache hits', async () => {
    upstream = await startFakeUpstream(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { json: { id: 'u1' } };
    });
    const events: UpstreamCallEvent[] = [];
    client = clientFor(upstream, { onUpstreamCall: (event) => events.push(event) });
    const first = new AbortController();
    await Promise.all([
      client.rest({ method: 'GET', path: '/users/u1', signal: first.signal }),
      client.rest({ method: 'GET', path: '/users/u1', signal: new AbortController().signal }),
    ]);
    await client.rest({ method: 'GET', path: '/users/u1' });
    expect(events).toHaveLength(1);
    expect(events[0]?.signal).toBe(first.signal);
    expect(client.stats).toMatchObject({ coalesced: 1, cacheHits: 1 });
  });

  it('reports a cancelled attempt as ABORTED without a status', async () => {
    upstream = await startFakeUpstream(() => new Promise(() => {}));
    const events: UpstreamCallEvent[] = [];
    client = clientFor(upstream, { onUpstreamCall: (event) => events.push(event) });
    const caller = new AbortController();
    const pending = rejectionOf(
      client.rest({ method: 'PATCH', path: '/alerts', body: {}, signal: caller.signal }),
    );
    while (upstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    caller.abort();
    await pending;
    expect(events).toMatchObject([
      { operation: 'PATCH /alerts', status: undefined, code: 'ABORTED', attempt: 1 },
    ]);
  });

  it('keeps answering when the observer throws, and never puts the token in an event', async () => {
    upstream = await startFakeUpstream(() => ({ json: { ok: true } }));
    const seen: string[] = [];
    client = clientFor(upstream, {
      onUpstreamCall: (event) => {
        seen.push(JSON.stringify({ ...event, signal: undefined }));
        throw new Error('observer bug');
      },
    });
    await expect(client.rest({ method: 'GET', path: '/roles' })).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen.join('\n')).not.toContain(TEST_TOKEN);
  });

  it('refuses an observer that is not a function', () => {
    expect(() =>
      createPantherClient({
        urls: { rest: 'http://127.0.0.1:1', graphql: 'http://127.0.0.1:1/public/graphql' },
        token: TEST_TOKEN,
        onUpstreamCall: 42 as never,
      }),
    ).toThrow('onUpstreamCall must be a function');
  });
});
