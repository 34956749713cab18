import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, someAlertId } from './testdata/harness.js';
import { type ProbeTarget, startProbeServer, startProbeTarget, textOf } from './testdata/probeServer.js';

// policy.toolTimeouts end to end: the built server over streamable HTTP, the sandbox behind a proxy that can make
// Panther stop answering. The limit is one call hook; the client's own per-request timeout is far longer.

let target: ProbeTarget;
beforeAll(async () => {
  target = await startProbeTarget();
});
afterAll(async () => {
  await killAll();
  await target?.close();
});

describe('per-tool time limits over HTTP', () => {
  it('stop a tool whose Panther request hangs at its own limit, and leave other tools to theirs', async () => {
    const server = await startProbeServer(target, {
      transport: 'http',
      policy: { toolTimeouts: { list_alerts: 500, '*': 60_000 } },
      client: { timeoutMs: 60_000, maxRetries: 0 },
    });
    try {
      target.proxy.set({ kind: 'hang' }, (request) => request.path === '/alerts');
      const stopped = await server.call('list_alerts', {});
      expect(stopped.isError).toBe(true);
      expect(textOf(stopped)).toBe(
        'list_alerts was stopped after 500 ms, its time limit (policy.toolTimeouts); ask for less (a narrower filter, a shorter time range or a smaller page) or try again later',
      );
      // The hanging request was the tool's: its Panther request never answered, and the client's own 60 s
      // timeout did not end it.
      expect(target.proxy.seen.filter((r) => r.path === '/alerts').map((r) => r.status)).toEqual([undefined]);
      expect(server.stderr()).not.toMatch(/did not answer within/);

      target.proxy.set({ kind: 'pass' });
      const fine = await server.call('get_alert', { alert_id: await someAlertId(target.panther) });
      expect(fine.isError, textOf(fine)).toBeFalsy();
    } finally {
      await server.close();
    }
  });
});
