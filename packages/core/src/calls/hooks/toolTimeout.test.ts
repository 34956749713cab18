import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePack } from '../../define/definePack.js';
import { defineTool } from '../../define/defineTool.js';
import { fakeClient } from '../../testdata/packs.js';
import { createTestHost, type TestHost } from '../../testing/createTestHost.js';

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const signals: AbortSignal[] = [];
const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

const slowPack = definePack({
  id: 'slow',
  title: 'Slow',
  coreRange: '>=0.1.0',
  tools: [
    defineTool({
      name: 'slow_read',
      title: 'Slow read',
      description: 'Waits, stopping when its signal fires.',
      access: 'read',
      permissions: [],
      input: z.object({ ms: z.int().min(0).max(60_000) }),
      async handler({ ms }, { signal }) {
        signals.push(signal);
        await wait(ms, signal);
        return { waited: ms };
      },
    }),
    defineTool({
      name: 'stubborn_read',
      title: 'Stubborn read',
      description: 'Waits, ignoring its signal.',
      access: 'read',
      permissions: [],
      input: z.object({ ms: z.int().min(0).max(60_000) }),
      async handler({ ms }) {
        await wait(ms);
        return { waited: ms };
      },
    }),
    defineTool({
      name: 'slow_write',
      title: 'Slow write',
      description: 'Writes slowly.',
      access: 'write',
      destructive: false,
      idempotent: true,
      permissions: [],
      input: z.object({ ms: z.int().min(0).max(60_000) }),
      async handler({ ms }, { signal }) {
        await wait(ms, signal);
        return { written: true };
      },
    }),
  ],
});

const text = (result: { content: unknown }) => (result.content as { text: string }[])[0]!.text;

describe('per-tool time limits (policy.toolTimeouts)', () => {
  it('stop a tool at its limit through its signal, and leave other tools to theirs', async () => {
    host = await createTestHost({
      packs: [slowPack],
      panther: { client: fakeClient() },
      policy: { toolTimeouts: { slow_read: 50, '*': 30_000 } },
    });
    const stopped = await host.call('slow_read', { ms: 20_000 });
    expect(stopped.isError).toBe(true);
    expect(text(stopped)).toBe(
      'slow_read was stopped after 50 ms, its time limit (policy.toolTimeouts); ask for less (a narrower filter, a shorter time range or a smaller page) or try again later',
    );
    expect(signals.at(-1)?.aborted).toBe(true);
    const quick = await host.call('stubborn_read', { ms: 1 });
    expect(quick.structuredContent).toEqual({ waited: 1 });
  });

  it('end the call at the limit even when the tool ignores its signal', async () => {
    host = await createTestHost({
      packs: [slowPack],
      panther: { client: fakeClient() },
      policy: { toolTimeouts: { 'stubborn_*': 50 } },
    });
    const result = await host.call('stubborn_read', { ms: 2_000 });
    expect(text(result)).toMatch(/^stubborn_read was stopped after 50 ms/);
  });

  it('say that a stopped write may have been applied, and audit it as an error that was sent', async () => {
    const lines: string[] = [];
    host = await createTestHost({
      packs: [slowPack],
      panther: { client: fakeClient() },
      policy: { mode: 'read-write', confirmWrites: 'never', toolTimeouts: { '*': 50 } },
      parts: { auditSink: () => ({ write: async (line) => void lines.push(line), close: async () => {} }) },
    });
    const result = await host.call('slow_write', { ms: 20_000 });
    expect(text(result)).toBe(
      'slow_write was stopped after 50 ms, its time limit (policy.toolTimeouts); Panther may have applied the change already: check before trying again',
    );
    const outcome = lines.map((line) => JSON.parse(line)).find((record) => record.phase === 'outcome');
    expect(outcome).toMatchObject({ outcome: 'error', code: 'TOOL_TIMEOUT' });
  });

  it('are refused in the config when not a positive number of milliseconds', async () => {
    await expect(
      createTestHost({
        packs: [slowPack],
        panther: { client: fakeClient() },
        policy: { toolTimeouts: { '*': 0 } },
      }),
    ).rejects.toThrow(/policy\.toolTimeouts\.\*: /);
  });
});
