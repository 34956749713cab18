import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from './testdata/faultProxy.js';
import { killAll, someAlertId } from './testdata/harness.js';
import {
  type ProbeServer,
  type ProbeTarget,
  startProbeServer,
  startProbeTarget,
  textOf,
} from './testdata/probeServer.js';

// Fault injection: the built server, over stdio and HTTP, in front of a proxy that makes the sandbox misbehave.
// Every fault must end in a tool error that says what happened: no hang, no crash, no internal error, no token.

let target: ProbeTarget;
beforeAll(async () => {
  target = await startProbeTarget();
});
afterAll(async () => {
  await killAll();
  await target?.close();
});

/** Start-up asks for the token's permissions; faults hit the tools' calls, not that. */
const toolCalls = (request: { path: string }) => request.path !== '/api-tokens/self';

/** A REST tool and a GraphQL tool. */
const TOOLS: [string, Record<string, unknown>][] = [
  ['list_alerts', {}],
  ['list_databases', {}],
];

const FAULTS: [string, () => Fault, RegExp][] = [
  ['500', () => ({ kind: 'status', status: 500 }), /failed: Panther failed \(500\): injected 500$/],
  [
    '502 with an HTML page',
    () => ({ kind: 'status', status: 502, body: '<html>bad gateway</html>' }),
    /Panther failed \(502\)/,
  ],
  ['503', () => ({ kind: 'status', status: 503 }), /Panther failed \(503\)/],
  [
    '429 with Retry-After',
    () => ({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }),
    /rate limit was reached \(429\).*try again in 1 s/,
  ],
  ['401', () => ({ kind: 'status', status: 401 }), /rejected the API token \(401\).*check PANTHER_API_TOKEN/],
  [
    '403',
    () => ({ kind: 'status', status: 403 }),
    /denied the request \(403\).*lacks a permission \(\w+ needs \w+\)/,
  ],
  ['a hang', () => ({ kind: 'hang' }), /did not answer within \d+ ms/],
  ['a reset', () => ({ kind: 'reset' }), /Could not reach Panther at http:\/\/127\.0\.0\.1:\d+: ECONNRESET/],
  ['malformed JSON', () => ({ kind: 'malformed-json' }), /not JSON|not a GraphQL response/],
  ['an HTML page', () => ({ kind: 'html' }), /not JSON|not a GraphQL response/],
  [
    'a huge body (20 MB)',
    () => ({ kind: 'huge', bytes: 20_000_000, json: false }),
    /answer exceeded \d+ MiB; ask for less/,
  ],
  ['a slow drip', () => ({ kind: 'drip', intervalMs: 200 }), /did not answer within \d+ ms/],
  [
    'an error body that echoes the API key',
    () => ({ kind: 'status', status: 500, body: JSON.stringify({ message: `bad key ${target.apiKey}` }) }),
    /Panther failed \(500\): bad key \[redacted\]/,
  ],
];

async function expectFaultHandled(server: ProbeServer, fault: Fault, words: RegExp): Promise<void> {
  for (const [tool, args] of TOOLS) {
    target.proxy.set(fault, toolCalls);
    const result = await server.call(tool, args);
    const text = textOf(result);
    expect(result.isError, `${tool}: ${text}`).toBe(true);
    expect(text).toMatch(new RegExp(`^${tool} failed: `));
    expect(text).toMatch(words);
    expect(text).not.toMatch(/internal error/i);
    expect(text).not.toContain(target.apiKey);
  }
  // And the server is still fine once Panther is.
  target.proxy.set({ kind: 'pass' });
  const healthy = await server.call('list_alerts', {});
  expect(healthy.isError, textOf(healthy)).toBeFalsy();
}

describe('upstream faults over stdio', () => {
  let server: ProbeServer;
  beforeAll(async () => {
    server = await startProbeServer(target);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(FAULTS)('answers %s with a tool error that says so', async (_name, fault, words) => {
    await expectFaultHandled(server, fault(), words);
  });

  it('never wrote the API token to its log', () => {
    expect(server.stderr()).not.toContain(target.apiKey);
    expect(server.stderr()).toContain('"msg":"tool call failed"');
  });

  it('keeps the API key out of success bodies that echo it', async () => {
    target.proxy.set({ kind: 'echo-key' }, toolCalls);
    for (const [tool, args] of TOOLS) {
      const result = await server.call(tool, args);
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).not.toContain(target.apiKey);
    }
  });

  it('refuses a 50 MB upstream body with an error that says what to do, and keeps serving', async () => {
    target.proxy.set({ kind: 'huge', bytes: 50_000_000, json: true }, toolCalls);
    const result = await server.call('list_alerts', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/answer exceeded \d+ MiB; ask for less/);
    target.proxy.set({ kind: 'pass' });
    expect((await server.call('list_alerts', {})).isError).toBeFalsy();
  });

  it('cuts a result over the output cap (a 5 MB field) and says so', async () => {
    const id = await someAlertId(target.panther);
    target.proxy.set({ kind: 'huge', bytes: 5_000_000, json: true, field: 'title' }, (r) =>
      r.path.startsWith('/alerts/'),
    );
    const result = await server.call('get_alert', { alert_id: id });
    const text = textOf(result);
    const [data, ...notes] = result.content.map((c) => ('text' in c ? c.text : ''));
    expect(result.isError, text.slice(0, 200)).toBeFalsy();
    expect(data?.length).toBeLessThanOrEqual(1024 * 1024);
    expect(notes.join('\n')).toMatch(/cut|left out/i);
  });
});

describe('upstream faults over streamable HTTP', () => {
  let server: ProbeServer;
  beforeAll(async () => {
    server = await startProbeServer(target, { transport: 'http' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(
    FAULTS.filter(([name]) =>
      ['500', '429 with Retry-After', 'a hang', 'a reset', 'malformed JSON'].includes(name),
    ),
  )('answers %s with a tool error that says so', async (_name, fault, words) => {
    await expectFaultHandled(server, fault(), words);
  });
});
