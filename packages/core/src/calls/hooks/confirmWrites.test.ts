import type { ElicitRequestFormParams } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AuditSink } from '../../audit/auditSink.js';
import type { ConfirmWrites } from '../../config/schema.js';
import { definePack } from '../../define/definePack.js';
import { defineTool } from '../../define/defineTool.js';
import { createRedactor } from '../../security/redact.js';
import { fakeClient } from '../../testdata/packs.js';
import { createTestHost, type TestHost, type TestHostOptions } from '../../testing/createTestHost.js';
import { describeArguments, summarizeList } from '../describeChange.js';
import { confirmWritesHook } from './confirmWrites.js';

/** A pack whose writes change a map the test reads: "nothing was changed" is checked, not assumed. */
function ledgerPack(entries: Map<string, string>) {
  return definePack({
    id: 'ledger',
    title: 'Ledger',
    coreRange: '>=0.1.0',
    tools: [
      defineTool({
        name: 'set_entries',
        title: 'Set entries',
        description: 'Overwrite entries.',
        access: 'write',
        destructive: true,
        idempotent: true,
        permissions: [],
        input: z.object({ keys: z.array(z.string()).min(1).max(50), value: z.string() }),
        describeChange: ({ keys, value }) =>
          `Set ${keys.length} entr${keys.length === 1 ? 'y' : 'ies'} to ${value}: ${summarizeList(keys)}`,
        async handler({ keys, value }) {
          for (const key of keys) entries.set(key, value);
          return { set: keys };
        },
      }),
      defineTool({
        name: 'add_note',
        title: 'Add a note',
        description: 'Add a note (nothing is lost).',
        access: 'write',
        destructive: false,
        idempotent: false,
        permissions: [],
        input: z.object({ key: z.string(), note: z.string() }),
        async handler({ key, note }) {
          entries.set(`note:${key}`, note);
          return { added: key };
        },
      }),
      defineTool({
        name: 'wipe',
        title: 'Wipe',
        description: 'Remove everything.',
        access: 'write',
        destructive: true,
        idempotent: true,
        permissions: [],
        input: z.object({ reason: z.string() }),
        describeChange: () => {
          throw new Error('a faulty summary');
        },
        async handler() {
          entries.clear();
          return { wiped: true };
        },
      }),
    ],
  });
}

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const textOf = (result: { content: unknown }) => (result.content as { text: string }[])[0]!.text;

function recordingSink(): AuditSink & { records(): Record<string, unknown>[] } {
  const lines: string[] = [];
  return {
    async write(line) {
      lines.push(line);
    },
    async close() {},
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

async function start(
  entries: Map<string, string>,
  confirmWrites: ConfirmWrites | undefined,
  confirm: TestHostOptions['confirm'],
  sink = recordingSink(),
  extra: Partial<TestHostOptions> = {},
) {
  host = await createTestHost({
    packs: [ledgerPack(entries)],
    panther: { client: fakeClient() },
    policy: { mode: 'read-write', ...(confirmWrites ? { confirmWrites } : {}) },
    parts: { auditSink: () => sink },
    confirm,
    ...extra,
  });
  return { host, sink };
}

describe('confirmation of writes (policy.confirmWrites)', () => {
  it('asks before a destructive write by default, with the tool’s own summary, and sends it on accept', async () => {
    const entries = new Map<string, string>();
    const { host, sink } = await start(entries, undefined, 'accept');
    const keys = Array.from({ length: 12 }, (_, i) => `k${i + 1}`);
    const result = await host.call('set_entries', { keys, value: 'RESOLVED' });
    expect(result.isError).toBeFalsy();
    expect(entries.get('k12')).toBe('RESOLVED');
    expect(host.confirmations).toHaveLength(1);
    expect(host.confirmations[0]).toContain('Set 12 entries to RESOLVED: k1, k2, k3, k4, k5 and 7 more');
    expect(host.confirmations[0]).toContain('set_entries will change Panther');
    const records = sink.records();
    expect(records.map((r) => `${r['phase']} ${r['confirmation']}`)).toEqual([
      'intent accepted',
      'outcome accepted',
    ]);
    expect(records[1]).toMatchObject({ outcome: 'ok', tool: 'set_entries' });
  });

  it('sends nothing when the person declines or cancels, and says nothing was changed', async () => {
    for (const action of ['decline', 'cancel'] as const) {
      const entries = new Map([['k1', 'OPEN']]);
      const { host, sink } = await start(entries, 'destructive', action);
      const result = await host.call('set_entries', { keys: ['k1'], value: 'CLOSED' });
      expect(result.isError).toBe(true);
      const word = action === 'decline' ? 'declined' : 'cancelled';
      expect(textOf(result)).toBe(
        `set_entries was not sent: the user ${word} the change (Set 1 entry to CLOSED: k1). Nothing was changed.`,
      );
      expect(entries).toEqual(new Map([['k1', 'OPEN']]));
      // Refused before the intent: one outcome record, with the answer.
      expect(sink.records()).toEqual([
        expect.objectContaining({
          phase: 'outcome',
          outcome: 'refused',
          code: 'NOT_CONFIRMED',
          confirmation: word,
        }),
      ]);
      await host.close();
    }
  });

  it('refuses the write, naming the setting, when the client cannot ask', async () => {
    const entries = new Map<string, string>();
    const { host, sink } = await start(entries, undefined, 'unsupported');
    const result = await host.call('set_entries', { keys: ['k1'], value: 'x' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('set_entries was not sent: policy.confirmWrites is "destructive"');
    expect(textOf(result)).toContain('does not support MCP elicitation');
    expect(entries.size).toBe(0);
    expect(sink.records()).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        code: 'CONFIRMATION_UNAVAILABLE',
        confirmation: 'unavailable',
      }),
    ]);
    // A write the policy does not want confirmed still goes through on that client.
    expect((await host.call('add_note', { key: 'k1', note: 'n' })).isError).toBeFalsy();
    expect(entries.get('note:k1')).toBe('n');
  });

  it('writes without asking under "never", and asks for every write under "always"', async () => {
    const entries = new Map<string, string>();
    const never = await start(entries, 'never', 'unsupported');
    expect((await never.host.call('set_entries', { keys: ['k1'], value: 'v' })).isError).toBeFalsy();
    expect(entries.get('k1')).toBe('v');
    expect(never.sink.records().map((r) => r['confirmation'])).toEqual(['not required', 'not required']);
    await never.host.close();

    const always = await start(entries, 'always', 'accept');
    expect((await always.host.call('add_note', { key: 'k2', note: 'seen' })).isError).toBeFalsy();
    // No summary of its own: the title and the parsed arguments.
    expect(always.host.confirmations).toEqual([
      expect.stringContaining('Add a note (add_note) with key: k2; note: seen'),
    ]);
  });

  it('falls back to the arguments when a tool’s summary fails, and never shows a secret', async () => {
    const entries = new Map([['k', 'v']]);
    const secret = 'panther-secret-token-0123';
    const seen: ElicitRequestFormParams[] = [];
    host = await createTestHost({
      packs: [ledgerPack(entries)],
      panther: { url: 'http://127.0.0.1:9', token: secret },
      policy: { mode: 'read-write', hideUnpermittedTools: false },
      confirm: (request) => {
        seen.push(request);
        return { action: 'decline' };
      },
    });
    const result = await host.call('wipe', { reason: `rotate ${secret}` });
    expect(seen[0]?.message).toContain('Wipe (wipe) with reason: rotate [REDACTED]');
    expect(seen[0]?.requestedSchema).toEqual({ type: 'object', properties: {} });
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(entries.size).toBe(1);
  });

  it('drops the write when the question is not answered in time', async () => {
    const entries = new Map<string, string>();
    let answer: (() => void) | undefined;
    const redact = createRedactor(() => []);
    const { host } = await start(
      entries,
      undefined,
      () =>
        new Promise((resolve) => {
          answer = () => resolve({ action: 'accept' });
        }),
      recordingSink(),
      {
        parts: {
          callHooks: ({ defaults }) =>
            defaults.map((hook) =>
              hook.name === 'confirm-writes' ? confirmWritesHook({ redact, timeoutMs: 200 }) : hook,
            ),
        },
      },
    );
    const result = await host.call('set_entries', { keys: ['k1'], value: 'late' });
    expect(textOf(result)).toBe(
      'set_entries was not sent: the confirmation was not answered within 1 second; nothing was changed',
    );
    answer?.();
    expect(entries.size).toBe(0);
  });
});

describe('describeArguments', () => {
  it('lists arguments, shortening long lists and long values', () => {
    const text = describeArguments(
      { name: 'x', title: 'X' },
      { ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], note: 'n'.repeat(300), skip: undefined, n: 3 },
    );
    expect(text).toBe(`X (x) with ids: a, b, c, d, e and 2 more; note: ${'n'.repeat(199)}…; n: 3`);
  });
});
