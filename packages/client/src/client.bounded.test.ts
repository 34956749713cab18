import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { PantherApiError } from './errors.js';
import { clientFor, rejectionOf } from './testdata/harness.js';
import { type FakeUpstream, startFakeUpstream, waitUntil } from './testing/index.js';
import type { PantherClient } from './types.js';

let upstream: FakeUpstream;
let client: PantherClient;
afterEach(async () => {
  await client?.close();
  await upstream?.close();
});

const MiB = 1024 * 1024;
const FIFTY_MB = 50 * 1000 * 1000;
const QUERY = 'query ListDatabases { dataLakeDatabases { name } }';

/**
 * Streams `total` bytes of a JSON string with backpressure, and resolves with how many bytes were written before
 * the client went away (or all of them).
 */
async function streamBody(res: ServerResponse, total: number, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  res.write('"');
  while (sent < total && !res.destroyed) {
    const piece = total - sent < chunk.length ? chunk.subarray(0, total - sent) : chunk;
    sent += piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end('"');
  return sent;
}

describe('bounded reads from Panther', () => {
  it.each(['rest', 'graphql'] as const)(
    'stops reading a 50 MB %s answer at 16 MiB, closes the connection, and does not retry',
    async (api) => {
      const written: number[] = [];
      upstream = await startFakeUpstream(async (_request, { res }) => {
        written.push(await streamBody(res, FIFTY_MB));
        return undefined;
      });
      client = clientFor(upstream, { maxRetries: 2 });
      const call = api === 'rest' ? client.rest({ method: 'GET', path: '/rules' }) : client.graphql(QUERY);
      const error = (await rejectionOf(call)) as PantherApiError;
      expect(error.code).toBe('RESPONSE_TOO_LARGE');
      expect(error.message).toBe(
        "Panther's answer exceeded 16 MiB; ask for less (a smaller page or a narrower query)",
      );
      expect(error.detail).toBeUndefined();
      await waitUntil(() => written.length === 1);
      expect(upstream.requests).toHaveLength(1);
      expect(upstream.closedEarly).toBe(1);
      // The rest of the 50 MB was never sent: the client closed the connection instead of draining it.
      expect(written[0]).toBeLessThan(FIFTY_MB);
      expect(client.stats.retries).toBe(0);
    },
  );

  it.each(['rest', 'graphql'] as const)(
    'fails a %s answer whose Content-Length is over the limit before reading its body',
    async (api) => {
      upstream = await startFakeUpstream((_request, { res }) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(20 * MiB) });
        res.write('{"a":');
        return undefined;
      });
      client = clientFor(upstream);
      const call = api === 'rest' ? client.rest({ method: 'GET', path: '/rules' }) : client.graphql(QUERY);
      await expect(call).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE', status: 200 });
      await waitUntil(() => upstream.closedEarly === 1);
    },
  );

  it.each(['rest', 'graphql'] as const)(
    'counts the decompressed bytes of a %s answer whose Content-Length understates them',
    async (api) => {
      // About 50 KB on the wire, 50 MB once inflated.
      const bomb = gzipSync(Buffer.from(`"${'a'.repeat(FIFTY_MB)}"`));
      expect(bomb.length).toBeLessThan(MiB);
      upstream = await startFakeUpstream(() => ({
        body: bomb as unknown as string,
        headers: {
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
          'Content-Length': String(bomb.length),
        },
      }));
      client = clientFor(upstream);
      const call = api === 'rest' ? client.rest({ method: 'GET', path: '/rules' }) : client.graphql(QUERY);
      await expect(call).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
      expect(upstream.requests).toHaveLength(1);
    },
  );

  it.each(['rest', 'graphql'] as const)(
    'reads a %s answer that drips in slowly under the limit',
    async (api) => {
      const piece = api === 'rest' ? 'x'.repeat(1024) : 'y'.repeat(1024);
      upstream = await startFakeUpstream(async (_request, { res }) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(api === 'rest' ? '{"text":"' : '{"data":{"text":"');
        for (let i = 0; i < 100 && !res.destroyed; i += 1) {
          res.write(piece);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        res.end(api === 'rest' ? '"}' : '"}}');
        return undefined;
      });
      client = clientFor(upstream);
      const answer = (
        api === 'rest' ? await client.rest({ method: 'GET', path: '/rules' }) : await client.graphql(QUERY)
      ) as { text: string };
      expect(answer.text).toBe(piece.repeat(100));
    },
  );

  it('takes an answer of exactly maxResponseBytes and refuses one byte more, error answers included', async () => {
    upstream = await startFakeUpstream((request) => {
      const size = Number(request.query.get('size'));
      const status = Number(request.query.get('status') ?? 200);
      return { status, body: `"${'b'.repeat(size - 2)}"`, headers: { 'Content-Type': 'application/json' } };
    });
    client = clientFor(upstream, { maxResponseBytes: 1024, maxRetries: 2 });
    const get = (size: number, status = 200) =>
      client.rest({ method: 'GET', path: '/unknown', query: { size, status } });
    await expect(get(1024)).resolves.toHaveLength(1022);
    await expect(get(1025)).rejects.toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      message: "Panther's answer exceeded 1 KiB; ask for less (a smaller page or a narrower query)",
    });
    await expect(get(4096, 503)).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE', status: 503 });
    expect(upstream.requests).toHaveLength(3);
  });

  it('refuses a URL over 8 KiB before sending it, naming the query parameter, without retrying', async () => {
    upstream = await startFakeUpstream(() => ({ json: {} }));
    client = clientFor(upstream, { maxRetries: 3 });
    const q = 'x'.repeat(100_000);
    const error = (await rejectionOf(
      client.rest({ method: 'GET', path: '/alerts', query: { limit: 25, q } }),
    )) as PantherApiError;
    const urlLength = `${upstream.url}/alerts?limit=25&q=${q}`.length;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.status).toBeUndefined();
    expect(error.detail).toBeUndefined();
    expect(error.message).toBe(
      `Request not sent to Panther: its URL would be ${urlLength.toLocaleString('en-US')} ` +
        'characters long, over the limit of 8,192, and the query parameter "q" alone takes 100,002. ' +
        'Send shorter or fewer values.',
    );
    expect(upstream.requests).toHaveLength(0);
    expect(client.stats).toMatchObject({ upstreamCalls: 0, retries: 0 });
  });
});
