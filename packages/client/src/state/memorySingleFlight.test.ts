import { describe, expect, it } from 'vitest';
import { createMemorySingleFlight } from './memorySingleFlight.js';

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

const options = (
  tags: readonly string[] = [],
  signal = new AbortController().signal,
  onJoin?: () => void,
) => ({
  tags,
  signal,
  onJoin,
});

describe('createMemorySingleFlight', () => {
  it('shares one call between identical requests, and says who joined', async () => {
    const flights = createMemorySingleFlight();
    const call = upstreamCall();
    let joins = 0;
    const a = flights.run(
      'k',
      options([], undefined, () => joins++),
      call.start,
    );
    const b = flights.run(
      'k',
      options([], undefined, () => joins++),
      call.start,
    );
    expect(joins).toBe(1);
    call.finish('v');
    expect(await Promise.all([a, b])).toEqual([
      { value: 'v', joined: false },
      { value: 'v', joined: true },
    ]);
    expect(call.starts).toBe(1);
    expect(flights.size).toBe(0);
  });

  it('keeps the shared call going when one caller leaves', async () => {
    const flights = createMemorySingleFlight();
    const call = upstreamCall();
    const leaving = new AbortController();
    const a = flights.run('k', options([], leaving.signal), call.start);
    const b = flights.run('k', options(), call.start);
    leaving.abort(new Error('left'));
    await expect(a).rejects.toThrow('left');
    expect(call.shared?.aborted).toBe(false);
    call.finish('v');
    await expect(b).resolves.toEqual({ value: 'v', joined: true });
  });

  it('aborts the shared call when every caller has left', async () => {
    const flights = createMemorySingleFlight();
    const call = upstreamCall();
    const first = new AbortController();
    const second = new AbortController();
    const a = flights.run('k', options([], first.signal), call.start);
    const b = flights.run('k', options([], second.signal), call.start);
    first.abort(new Error('1'));
    second.abort(new Error('2'));
    await expect(a).rejects.toThrow('1');
    await expect(b).rejects.toThrow('2');
    expect(call.shared?.aborted).toBe(true);
    expect(flights.size).toBe(0);
  });

  it('starts a fresh call for tags forgotten after a write', async () => {
    const flights = createMemorySingleFlight();
    const before = upstreamCall();
    const after = upstreamCall();
    const a = flights.run('k', options(['alerts']), before.start);
    flights.forget(['alerts']);
    const b = flights.run('k', options(['alerts']), after.start);
    before.finish('old');
    after.finish('new');
    expect(await Promise.all([a, b])).toEqual([
      { value: 'old', joined: false },
      { value: 'new', joined: false },
    ]);
  });

  it('rejects an already aborted caller without starting anything', async () => {
    const flights = createMemorySingleFlight();
    const call = upstreamCall();
    await expect(
      flights.run('k', options([], AbortSignal.abort(new Error('early'))), call.start),
    ).rejects.toThrow('early');
    expect(call.starts).toBe(0);
  });
});
