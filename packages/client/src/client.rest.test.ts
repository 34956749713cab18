import { afterEach, describe, expect, it } from 'vitest';
import { MAX_DETAIL_LENGTH, PantherApiError } from './errors.js';
import { clientFor, rejectionOf, TEST_TOKEN } from './testdata/harness.js';
import { type FakeUpstream, startFakeUpstream } from './testing/index.js';
import type { PantherClient } from './types.js';
import { DEFAULT_USER_AGENT } from './version.js';

let upstream: FakeUpstream;
let client: PantherClient;
afterEach(async () => {
  await client?.close();
  await upstream?.close();
});

describe('PantherClient.rest', () => {
  it('sends the key, user agent and query, and parses JSON', async () => {
    upstream = await startFakeUpstream(() => ({ json: { results: [{ id: 'a1' }], next: null } }));
    client = clientFor(upstream);
    const answer = await client.rest({
      method: 'GET',
      path: '/alerts',
      query: { severity: ['HIGH', 'CRITICAL'], limit: 25, cursor: null, 'detection-id': undefined },
    });
    expect(answer).toEqual({ results: [{ id: 'a1' }], next: null });
    const [request] = upstream.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/alerts');
    expect(request?.query.getAll('severity')).toEqual(['HIGH', 'CRITICAL']);
    expect([...request!.query.keys()]).toEqual(['severity', 'severity', 'limit']);
    expect(request?.headers['x-api-key']).toBe(TEST_TOKEN);
    expect(request?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/^mcp-panther\/\d+\.\d+\.\d+.* \(Node\.js\)$/);
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('sends a JSON body with its content type', async () => {
    upstream = await startFakeUpstream((request) => ({ json: { echoed: request.body } }));
    client = clientFor(upstream);
    const answer = await client.rest({
      method: 'POST',
      path: '/alert-comments',
      body: { alertId: 'a1', body: 'hi' },
    });
    expect(answer).toEqual({ echoed: { alertId: 'a1', body: 'hi' } });
    expect(upstream.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('resolves an empty 204 answer to undefined', async () => {
    upstream = await startFakeUpstream(() => ({
      status: 204,
      headers: { 'Content-Type': 'application/json' },
    }));
    client = clientFor(upstream);
    await expect(
      client.rest({ method: 'PATCH', path: '/alerts', body: { ids: ['a1'], status: 'CLOSED' } }),
    ).resolves.toBeUndefined();
  });

  it.each([
    [400, 'INVALID_INPUT'],
    [401, 'AUTH'],
    [403, 'PERMISSION'],
    [404, 'NOT_FOUND'],
    [409, 'INVALID_INPUT'],
    [500, 'UPSTREAM'],
  ] as const)("surfaces Panther's message for HTTP %i as %s", async (status, code) => {
    upstream = await startFakeUpstream(() => ({ status, json: { message: `panther says ${status}` } }));
    client = clientFor(upstream, { maxRetries: 0 });
    const error = await rejectionOf(client.rest({ method: 'GET', path: '/rules/AWS.Root' }));
    expect(error).toBeInstanceOf(PantherApiError);
    expect(error).toMatchObject({ code, status, detail: `panther says ${status}` });
    expect((error as Error).message).toContain(`panther says ${status}`);
  });

  it("keeps Panther's text as detail on one line, bounded and without the token", async () => {
    const message = `line one\n\tline two ${TEST_TOKEN} ${'z'.repeat(2000)}`;
    upstream = await startFakeUpstream(() => ({ status: 400, json: { message } }));
    client = clientFor(upstream);
    const error = (await rejectionOf(client.rest({ method: 'GET', path: '/rules' }))) as PantherApiError;
    const start = 'line one line two [redacted] ';
    expect(error.detail).toBe(`${start}${'z'.repeat(MAX_DETAIL_LENGTH - start.length)}…`);
    expect(error.message).toBe(`Panther answered HTTP 400: ${error.detail}`);
  });

  it('has no detail when Panther said nothing', async () => {
    upstream = await startFakeUpstream(() => ({ status: 404 }));
    client = clientFor(upstream);
    const error = (await rejectionOf(client.rest({ method: 'GET', path: '/rules' }))) as PantherApiError;
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, detail: undefined });
    expect(error.message).toBe('Panther answered HTTP 404');
  });

  it('keeps a short excerpt of a body that is not JSON', async () => {
    upstream = await startFakeUpstream(() => ({
      status: 502,
      body: `<html>\n  <h1>Bad gateway</h1>${'x'.repeat(500)}`,
    }));
    client = clientFor(upstream, { maxRetries: 0 });
    const error = (await rejectionOf(client.rest({ method: 'GET', path: '/rules' }))) as PantherApiError;
    expect(error.code).toBe('UPSTREAM');
    expect(error.message).toContain('<html> <h1>Bad gateway</h1>');
    expect(error.message.length).toBeLessThan(260);
  });

  it('fails with UPSTREAM when a 200 body is not JSON', async () => {
    upstream = await startFakeUpstream(() => ({ body: 'not json' }));
    client = clientFor(upstream);
    await expect(client.rest({ method: 'GET', path: '/rules' })).rejects.toMatchObject({
      code: 'UPSTREAM',
      status: 200,
    });
  });

  it('does not follow a redirect, so the key never goes to another origin', async () => {
    upstream = await startFakeUpstream(() => ({
      status: 302,
      headers: { Location: 'http://127.0.0.1:9/steal' },
    }));
    client = clientFor(upstream);
    await expect(client.rest({ method: 'GET', path: '/rules' })).rejects.toMatchObject({
      code: 'UPSTREAM',
      status: 302,
    });
    expect(upstream.requests).toHaveLength(1);
  });

  it('fails with NETWORK when Panther cannot be reached', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream, { maxRetries: 1 });
    await upstream.close();
    const error = (await rejectionOf(client.rest({ method: 'GET', path: '/rules' }))) as PantherApiError;
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain('ECONNREFUSED');
    expect(client.stats.retries).toBe(1);
  });

  it('rejects a GET with a body and a path without a slash', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream);
    await expect(client.rest({ method: 'GET', path: '/rules', body: {} })).rejects.toThrow(TypeError);
    await expect(client.rest({ method: 'GET', path: 'rules' })).rejects.toThrow(TypeError);
    expect(upstream.requests).toHaveLength(0);
  });

  it('fails with ABORTED after close', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream);
    await client.close();
    await expect(client.rest({ method: 'GET', path: '/rules' })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
