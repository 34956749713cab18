import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogger, clientFor, rejectionOf, TEST_TOKEN } from './testdata/harness.js';
import { type FakeUpstream, startFakeUpstream, untilAborted } from './testing/index.js';
import type { PantherClient } from './types.js';

let upstream: FakeUpstream;
let client: PantherClient;
afterEach(async () => {
  await client?.close();
  await upstream?.close();
});

describe('the API token', () => {
  it('never appears in a log line or an error, across success, 401, 500, GraphQL errors, timeout and network failure', async () => {
    // The upstream echoes the key it received wherever it can, to prove the client redacts what comes back.
    upstream = await startFakeUpstream((request, { signal }) => {
      const key = String(request.headers['x-api-key']);
      switch (request.path) {
        case '/ok':
          return { json: { ok: true } };
        case '/unauthorized':
          return { status: 401, json: { message: `invalid key ${key}` } };
        case '/broken':
          return { status: 500, body: `internal error for ${key}` };
        case '/public/graphql':
          return {
            json: { errors: [{ message: `bad token ${key}`, extensions: { code: 'UNAUTHENTICATED' } }] },
          };
        default:
          return untilAborted(signal);
      }
    });
    const { logger, lines } = captureLogger();
    // Only the hanging call has a short timeout: a first request on a busy machine can take longer than that.
    client = clientFor(upstream, { logger, maxRetries: 1 });

    const errors: unknown[] = [];
    await client.rest({ method: 'GET', path: '/ok' });
    errors.push(await rejectionOf(client.rest({ method: 'GET', path: '/unauthorized' })));
    errors.push(await rejectionOf(client.rest({ method: 'GET', path: '/broken' })));
    errors.push(await rejectionOf(client.rest({ method: 'POST', path: '/broken', body: { note: 'x' } })));
    errors.push(await rejectionOf(client.graphql('query Q { a }')));
    errors.push(await rejectionOf(client.rest({ method: 'GET', path: '/hang', timeoutMs: 100 })));
    const unreachable = clientFor(upstream, { logger, maxRetries: 0 });
    await upstream.close();
    errors.push(await rejectionOf(unreachable.rest({ method: 'GET', path: '/ok' })));
    await unreachable.close();

    expect(upstream.requests.every((r) => r.headers['x-api-key'] === TEST_TOKEN)).toBe(true);
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual([
      'AUTH',
      'UPSTREAM',
      'UPSTREAM',
      'AUTH',
      'TIMEOUT',
      'NETWORK',
    ]);
    expect(lines.length).toBeGreaterThan(5);
    const logText = lines.map((line) => `${line.message} ${JSON.stringify(line.fields)}`).join('\n');
    const errorText = errors
      .map((e) => `${String(e)}\n${inspect(e, { depth: 10 })}\n${JSON.stringify(e)}`)
      .join('\n');
    expect(errorText).toContain('[redacted]');
    expect(logText).not.toContain(TEST_TOKEN);
    expect(errorText).not.toContain(TEST_TOKEN);
  });
});
