import { afterEach, describe, expect, it } from 'vitest';
import { PantherApiError } from './errors.js';
import { captureLogger, clientFor, rejectionOf } from './testdata/harness.js';
import { type FakeUpstream, startFakeUpstream, untilAborted, waitUntil } from './testing/index.js';
import type { PantherClient } from './types.js';

let upstream: FakeUpstream;
let client: PantherClient;
afterEach(async () => {
  await client?.close();
  await upstream?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PantherClient limits', () => {
  it('never has more calls in flight than the concurrency limit, under 200 parallel calls', async () => {
    upstream = await startFakeUpstream(async () => {
      await pause(3);
      return { json: { ok: true } };
    });
    client = clientFor(upstream, { concurrency: 8 });
    const calls = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? client.rest({ method: 'GET', path: '/rules', query: { i } })
        : client.rest({ method: 'POST', path: '/alert-comments', body: { i } }),
    );
    await Promise.all(calls);
    expect(upstream.requests).toHaveLength(200);
    expect(upstream.maxInFlight).toBeLessThanOrEqual(8);
    expect(upstream.maxInFlight).toBeGreaterThan(1);
    expect(client.stats.maxInFlight).toBeLessThanOrEqual(8);
    expect(client.stats.inFlight).toBe(0);
  });

  it('spaces calls by the requests-per-second limit', async () => {
    const arrivals: number[] = [];
    upstream = await startFakeUpstream(() => {
      arrivals.push(performance.now());
      return { json: {} };
    });
    client = clientFor(upstream, { requestsPerSecond: 20, burst: 1 }); // one call every 50 ms
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => client.rest({ method: 'GET', path: '/rules', query: { i } })),
    );
    expect(client.stats.throttledWaits).toBe(4);
    // A lower bound only, from the second arrival on (the first one also waited for the connection): three gaps
    // of 50 ms, with slack for timer and socket jitter.
    expect(arrivals[4]! - arrivals[1]!).toBeGreaterThanOrEqual(100);
  });

  it('waits out a 429 with Retry-After, then succeeds', async () => {
    const arrivals: number[] = [];
    upstream = await startFakeUpstream(() => {
      arrivals.push(performance.now());
      return arrivals.length === 1
        ? { status: 429, headers: { 'Retry-After': '1' }, json: { message: 'Too Many Requests' } }
        : { json: { results: [] } };
    });
    client = clientFor(upstream);
    await expect(client.rest({ method: 'GET', path: '/alerts' })).resolves.toEqual({ results: [] });
    expect(upstream.requests).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(900);
    expect(client.stats).toMatchObject({ throttledWaits: 1, retries: 0 });
  });

  it('tries a write again after a 429, since Panther did not process it', async () => {
    upstream = await startFakeUpstream(() =>
      upstream.requests.length === 1
        ? { status: 429, headers: { 'Retry-After': new Date(Date.now() - 1000).toUTCString() } }
        : { status: 204 },
    );
    client = clientFor(upstream);
    await expect(
      client.rest({ method: 'PATCH', path: '/alerts', body: { ids: ['a'] } }),
    ).resolves.toBeUndefined();
    expect(upstream.requests).toHaveLength(2);
  });

  it('ends with RATE_LIMITED and retryAfterMs when the wait is too long or 429s keep coming', async () => {
    upstream = await startFakeUpstream(() => ({ status: 429, headers: { 'Retry-After': '120' } }));
    client = clientFor(upstream);
    const error = (await rejectionOf(client.rest({ method: 'GET', path: '/alerts' }))) as PantherApiError;
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 120_000 });
    expect(upstream.requests).toHaveLength(1);

    upstream.setHandler(() => ({ status: 429, headers: { 'Retry-After': '0' } }));
    await client.close();
    client = clientFor(upstream, { maxRateLimitRetries: 2 });
    await expect(client.rest({ method: 'GET', path: '/users' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(upstream.requests).toHaveLength(4);
  });

  it('never retries a write that got 503', async () => {
    upstream = await startFakeUpstream(() => ({ status: 503, json: { message: 'unavailable' } }));
    client = clientFor(upstream, { maxRetries: 3 });
    const error = (await rejectionOf(
      client.rest({ method: 'POST', path: '/alert-comments', body: {} }),
    )) as PantherApiError;
    expect(error).toMatchObject({ code: 'UPSTREAM', status: 503 });
    expect(upstream.requests).toHaveLength(1);
    expect(client.stats.retries).toBe(0);
  });

  it('retries a read that got 503, with a logged warning', async () => {
    upstream = await startFakeUpstream(() =>
      upstream.requests.length < 3
        ? { status: 503, json: { message: 'unavailable' } }
        : { json: { ok: true } },
    );
    const { logger, lines } = captureLogger();
    client = clientFor(upstream, { maxRetries: 2, logger });
    await expect(client.rest({ method: 'GET', path: '/rules' })).resolves.toEqual({ ok: true });
    expect(upstream.requests).toHaveLength(3);
    expect(client.stats.retries).toBe(2);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    expect(lines.find((l) => l.level === 'debug' && l.fields?.['status'] === 200)?.fields).toMatchObject({
      api: 'rest',
      method: 'GET',
      path: '/rules',
      attempt: 3,
    });
  });

  it('gives up on a read after maxRetries', async () => {
    upstream = await startFakeUpstream(() => ({ status: 502 }));
    client = clientFor(upstream, { maxRetries: 2 });
    await expect(client.rest({ method: 'GET', path: '/rules' })).rejects.toMatchObject({
      code: 'UPSTREAM',
      status: 502,
    });
    expect(upstream.requests).toHaveLength(3);
  });
});

describe('PantherClient timeouts and cancellation', () => {
  it('ends a call that takes too long with TIMEOUT and closes the connection', async () => {
    upstream = await startFakeUpstream((_request, { signal }) => untilAborted(signal));
    client = clientFor(upstream, { timeoutMs: 100 });
    const error = (await rejectionOf(client.rest({ method: 'GET', path: '/rules' }))) as PantherApiError;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('100 ms');
    await waitUntil(() => upstream.closedEarly === 1);
  });

  it('applies a per-call timeout to GraphQL too', async () => {
    upstream = await startFakeUpstream((request, { signal }) =>
      request.graphql?.query.includes('Warm') ? { json: { data: { a: 1 } } } : untilAborted(signal),
    );
    client = clientFor(upstream);
    // The first call loads graphql-request and opens the connection; the timed call then only waits upstream.
    await client.graphql('query Warm { a }');
    await expect(client.graphql('query Q { a }', {}, { timeoutMs: 250 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    await waitUntil(() => upstream.closedEarly === 1);
  });

  it('ends an aborted call with ABORTED and closes the connection', async () => {
    upstream = await startFakeUpstream((_request, { signal }) => untilAborted(signal));
    client = clientFor(upstream);
    const controller = new AbortController();
    const pending = client.rest({
      method: 'POST',
      path: '/alert-comments',
      body: {},
      signal: controller.signal,
    });
    await waitUntil(() => upstream.requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    await waitUntil(() => upstream.closedEarly === 1);
  });

  it('ends with ABORTED at once for a signal already aborted, without calling upstream', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream);
    await expect(
      client.rest({ method: 'GET', path: '/rules', signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: 'ABORTED',
    });
    await expect(
      client.graphql('mutation M { a }', {}, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(upstream.requests).toHaveLength(0);
  });

  it("ends with TIMEOUT when the caller's own time limit runs out, and ABORTED for any other reason", async () => {
    upstream = await startFakeUpstream((_request, { signal }) => untilAborted(signal));
    client = clientFor(upstream);
    const timedOut = (await rejectionOf(
      client.rest({ method: 'GET', path: '/rules', signal: AbortSignal.timeout(30) }),
    )) as PantherApiError;
    expect(timedOut).toMatchObject({ code: 'TIMEOUT', detail: undefined });
    const controller = new AbortController();
    const pending = client.rest({ method: 'GET', path: '/users', signal: controller.signal });
    controller.abort(new PantherApiError('NOT_FOUND', 'a reason that is not a cancellation'));
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('lets a caller waiting for a slot leave when it aborts', async () => {
    upstream = await startFakeUpstream((_request, { signal }) => untilAborted(signal));
    client = clientFor(upstream, { concurrency: 1 });
    const holder = new AbortController();
    const holding = client.rest({ method: 'GET', path: '/rules', signal: holder.signal });
    await waitUntil(() => upstream.requests.length === 1);
    const waiter = new AbortController();
    const waiting = client.rest({ method: 'GET', path: '/users', signal: waiter.signal });
    waiter.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    holder.abort();
    await expect(holding).rejects.toMatchObject({ code: 'ABORTED' });
    expect(upstream.requests).toHaveLength(1);
  });

  it('lets a caller waiting for the request-rate limit leave when it times out', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream, { requestsPerSecond: 0.5, burst: 1 });
    await client.rest({ method: 'GET', path: '/rules' });
    await expect(client.rest({ method: 'GET', path: '/users', timeoutMs: 50 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(upstream.requests).toHaveLength(1);
  });
});
