import { afterEach, describe, expect, it } from 'vitest';
import { clientFor } from './testdata/harness.js';
import { type FakeUpstream, startFakeUpstream, untilAborted, waitUntil } from './testing/index.js';
import type { PantherClient } from './types.js';

let upstream: FakeUpstream;
let client: PantherClient;
afterEach(async () => {
  await client?.close();
  await upstream?.close();
});

/** A handler that holds every answer until `release()`. */
function gatedHandler() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    release: () => open(),
    handler: async () => {
      await gate;
      return { json: { results: [{ id: 'r1' }] } };
    },
  };
}

describe('PantherClient cache and coalescing', () => {
  it('makes one upstream call for 20 identical concurrent reads', async () => {
    const gated = gatedHandler();
    upstream = await startFakeUpstream(gated.handler);
    client = clientFor(upstream);
    const reads = Array.from({ length: 20 }, () =>
      client.rest({ method: 'GET', path: '/rules', query: { limit: 5 } }),
    );
    await waitUntil(() => upstream.requests.length === 1);
    gated.release();
    const answers = await Promise.all(reads);
    expect(upstream.requests).toHaveLength(1);
    expect(answers.every((a) => JSON.stringify(a) === '{"results":[{"id":"r1"}]}')).toBe(true);
    expect(client.stats).toMatchObject({ upstreamCalls: 1, coalesced: 19 });
  });

  it('hands every caller its own copy', async () => {
    upstream = await startFakeUpstream(() => ({ json: { results: [{ id: 'r1' }] } }));
    client = clientFor(upstream);
    const first = (await client.rest({ method: 'GET', path: '/rules' })) as { results: unknown[] };
    first.results.length = 0;
    await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({
      results: [{ id: 'r1' }],
    });
  });

  it('answers a cached read without an upstream call, whatever the query key order', async () => {
    upstream = await startFakeUpstream(() => ({ json: { results: [] } }));
    client = clientFor(upstream);
    await client.rest({ method: 'GET', path: '/rules', query: { a: 1, b: 2 } });
    await client.rest({ method: 'GET', path: '/rules', query: { b: 2, a: 1 } });
    expect(upstream.requests).toHaveLength(1);
    expect(client.stats.cacheHits).toBe(1);
  });

  it('sends the next read upstream after a write to the same resource', async () => {
    upstream = await startFakeUpstream((request) =>
      request.method === 'GET' ? { json: { results: [] } } : { status: 204 },
    );
    client = clientFor(upstream);
    const read = () => client.rest({ method: 'GET', path: '/alerts/a1' });
    await read();
    await read();
    expect(upstream.requests).toHaveLength(1);
    await client.rest({ method: 'PATCH', path: '/alerts', body: { ids: ['a1'], status: 'CLOSED' } });
    await read();
    expect(upstream.requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET']);
  });

  it('invalidates even when the write fails', async () => {
    upstream = await startFakeUpstream((request) =>
      request.method === 'GET' ? { json: { results: [] } } : { status: 500, json: { message: 'boom' } },
    );
    client = clientFor(upstream);
    await client.rest({ method: 'GET', path: '/alerts' });
    await expect(client.rest({ method: 'PATCH', path: '/alerts', body: {} })).rejects.toMatchObject({
      status: 500,
    });
    await client.rest({ method: 'GET', path: '/alerts' });
    expect(upstream.requests).toHaveLength(3);
  });

  it('invalidates extra tags a write names, and by invalidate()', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream);
    const readAlerts = () => client.rest({ method: 'GET', path: '/alerts' });
    await readAlerts();
    await client.rest({ method: 'POST', path: '/alert-comments', body: {} });
    await readAlerts();
    expect(upstream.requests).toHaveLength(2);
    await client.rest({ method: 'POST', path: '/alert-comments', body: {}, tags: ['alerts'] });
    await readAlerts();
    expect(upstream.requests).toHaveLength(4);
    client.invalidate(['alerts']);
    await readAlerts();
    expect(upstream.requests).toHaveLength(5);
  });

  it('does not cache paths of kind none, nor anything when the cache is off', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream);
    await client.rest({ method: 'GET', path: '/unknown' });
    await client.rest({ method: 'GET', path: '/unknown' });
    expect(upstream.requests).toHaveLength(2);
    await client.close();
    client = clientFor(upstream, { cache: { enabled: false } });
    await client.rest({ method: 'GET', path: '/rules' });
    await client.rest({ method: 'GET', path: '/rules' });
    expect(upstream.requests).toHaveLength(4);
  });

  it('honours a per-kind TTL of 0 and a per-call cache kind', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream, { cache: { ttlMs: { detections: 0 } } });
    await client.rest({ method: 'GET', path: '/rules' });
    await client.rest({ method: 'GET', path: '/rules' });
    expect(upstream.requests).toHaveLength(2);
    await client.rest({ method: 'GET', path: '/rules', cacheKind: 'catalog' });
    await client.rest({ method: 'GET', path: '/rules', cacheKind: 'catalog' });
    expect(upstream.requests).toHaveLength(3);
  });

  it('keeps the shared call going when one of two waiting callers aborts', async () => {
    const gated = gatedHandler();
    upstream = await startFakeUpstream(gated.handler);
    client = clientFor(upstream);
    const leaving = new AbortController();
    const first = client.rest({ method: 'GET', path: '/rules', signal: leaving.signal });
    const second = client.rest({ method: 'GET', path: '/rules' });
    await waitUntil(() => upstream.requests.length === 1);
    leaving.abort();
    await expect(first).rejects.toMatchObject({ code: 'ABORTED' });
    gated.release();
    await expect(second).resolves.toEqual({ results: [{ id: 'r1' }] });
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.closedEarly).toBe(0);
  });

  it('aborts the shared upstream call when every caller has gone', async () => {
    upstream = await startFakeUpstream((_request, { signal }) => untilAborted(signal));
    client = clientFor(upstream);
    const controllers = [new AbortController(), new AbortController()];
    const reads = controllers.map((c) => client.rest({ method: 'GET', path: '/rules', signal: c.signal }));
    await waitUntil(() => upstream.requests.length === 1);
    for (const c of controllers) c.abort();
    for (const read of reads) await expect(read).rejects.toMatchObject({ code: 'ABORTED' });
    await waitUntil(() => upstream.closedEarly === 1);
  });
});
