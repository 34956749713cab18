import { describe, expect, it } from 'vitest';
import { createInFlightRequests } from './inFlightRequests.js';

function upstreamCall() {
  let resolve!: (value: string) => void;
  let sharedSignal: AbortSignal | undefined;
  let starts = 0;
  const start = (shared: AbortSignal) => {
    starts += 1;
    sharedSignal = shared;
    return new Promise<string>((r, reject) => {
      resolve = r;
      shared.addEventListener('abort', () => reject(shared.reason), { once: true });
    });
  };
  return {
    start,
    finish: (value: string) => resolve(value),
    get starts() {
      return starts;
    },
    get shared() {
      return sharedSignal;
    },
  };
}

describe('createInFlightRequests', () => {
  it('shares one call between identical requests', async () => {
    const table = createInFlightRequests();
    const call = upstreamCall();
    const a = table.run('k', [], new AbortController().signal, call.start);
    const b = table.run('k', [], new AbortController().signal, call.start);
    expect([a.joined, b.joined]).toEqual([false, true]);
    call.finish('v');
    expect(await Promise.all([a.promise, b.promise])).toEqual(['v', 'v']);
    expect(call.starts).toBe(1);
    expect(table.size).toBe(0);
  });

  it('keeps the shared call going when one caller leaves', async () => {
    const table = createInFlightRequests();
    const call = upstreamCall();
    const leaving = new AbortController();
    const a = table.run('k', [], leaving.signal, call.start);
    const b = table.run('k', [], new AbortController().signal, call.start);
    leaving.abort(new Error('left'));
    await expect(a.promise).rejects.toThrow('left');
    expect(call.shared?.aborted).toBe(false);
    call.finish('v');
    await expect(b.promise).resolves.toBe('v');
  });

  it('aborts the shared call when every caller has left', async () => {
    const table = createInFlightRequests();
    const call = upstreamCall();
    const first = new AbortController();
    const second = new AbortController();
    const a = table.run('k', [], first.signal, call.start);
    const b = table.run('k', [], second.signal, call.start);
    first.abort(new Error('1'));
    second.abort(new Error('2'));
    await expect(a.promise).rejects.toThrow('1');
    await expect(b.promise).rejects.toThrow('2');
    expect(call.shared?.aborted).toBe(true);
    expect(table.size).toBe(0);
  });

  it('starts a fresh call for tags forgotten after a write', async () => {
    const table = createInFlightRequests();
    const before = upstreamCall();
    const after = upstreamCall();
    const a = table.run('k', ['alerts'], new AbortController().signal, before.start);
    table.forget(['alerts']);
    const b = table.run('k', ['alerts'], new AbortController().signal, after.start);
    expect(b.joined).toBe(false);
    before.finish('old');
    after.finish('new');
    expect(await Promise.all([a.promise, b.promise])).toEqual(['old', 'new']);
  });
});
