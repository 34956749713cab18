import { describe, expect, it } from 'vitest';
import { PantherApiError } from '../../errors.js';
import { createMemorySingleFlight } from '../memorySingleFlight.js';
import type { SingleFlight } from '../types.js';
import { guardSingleFlight } from './guardSingleFlight.js';
import type { PartMonitor } from './monitor.js';

function recordingMonitor(): PartMonitor & { failures: string[] } {
  const failures: string[] = [];
  return { failures, failed: (part, operation) => failures.push(`${part}.${operation}`) };
}

const signal = () => new AbortController().signal;

describe('guardSingleFlight', () => {
  it('adds no failure and no wait around the built-in single flight', async () => {
    const monitor = recordingMonitor();
    const flights = guardSingleFlight(createMemorySingleFlight(), monitor, 1_000);
    let starts = 0;
    const start = async () => {
      starts += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 'v';
    };
    const answers = await Promise.all([
      flights.run('k', [], signal(), start),
      flights.run('k', [], signal(), start),
    ]);
    expect(answers).toEqual([
      { value: 'v', joined: false },
      { value: 'v', joined: true },
    ]);
    expect(starts).toBe(1);
    expect(monitor.failures).toEqual([]);
  });

  it('runs the call once, with the caller signal, when the part starts it after being passed by', async () => {
    const monitor = recordingMonitor();
    let lateStart: ((shared: AbortSignal) => Promise<string>) | undefined;
    const slow: SingleFlight = {
      run: (_key, _options, start) => {
        lateStart = start as (shared: AbortSignal) => Promise<string>;
        return new Promise(() => {});
      },
      forget() {},
    };
    // The part keeps `start` without calling it: after the time bound the caller runs the call itself.
    const flights = guardSingleFlight(slow, monitor, 10);
    let starts = 0;
    const caller = signal();
    const answer = await flights.run('k', [], caller, async (shared) => {
      starts += 1;
      expect(shared).toBe(caller);
      return 'mine';
    });
    expect(answer).toEqual({ value: 'mine', joined: false });
    await expect(lateStart?.(new AbortController().signal)).resolves.toBe('mine');
    expect(starts).toBe(1);
    expect(monitor.failures).toEqual(['singleFlight.run']);
  });

  it('waits on a join reported in time, and leaves it when the caller aborts', async () => {
    const monitor = recordingMonitor();
    const joinsForever: SingleFlight = {
      run: (_key, options) => {
        options.onJoin?.();
        return new Promise(() => {});
      },
      forget() {},
    };
    const flights = guardSingleFlight(joinsForever, monitor, 10);
    const controller = new AbortController();
    let starts = 0;
    const pending = flights.run('k', [], controller.signal, async () => {
      starts += 1;
      return 'v';
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
    expect(starts).toBe(0);
    expect(monitor.failures).toEqual([]);
  });

  it("passes a joined caller the leader's PantherApiError, and runs the call itself after any other failure", async () => {
    const monitor = recordingMonitor();
    const failAfterJoin = (error: unknown): SingleFlight => ({
      run: async (_key, options) => {
        options.onJoin?.();
        throw error;
      },
      forget() {},
    });
    const denied = new PantherApiError('PERMISSION', 'denied', { status: 403 });
    await expect(
      guardSingleFlight(failAfterJoin(denied), monitor, 10).run('k', [], signal(), async () => 'v'),
    ).rejects.toBe(denied);
    await expect(
      guardSingleFlight(failAfterJoin(new Error('lost')), monitor, 10).run(
        'k',
        [],
        signal(),
        async () => 'v',
      ),
    ).resolves.toEqual({ value: 'v', joined: false });
    expect(monitor.failures).toEqual(['singleFlight.run']);
  });

  it('survives a part that throws synchronously', async () => {
    const monitor = recordingMonitor();
    const throws: SingleFlight = {
      run: () => {
        throw new Error('bug');
      },
      forget: () => {
        throw new Error('bug');
      },
    };
    const flights = guardSingleFlight(throws, monitor, 10);
    await expect(flights.run('k', [], signal(), async () => 'v')).resolves.toEqual({
      value: 'v',
      joined: false,
    });
    await flights.forget(['alerts']);
    expect(monitor.failures).toEqual(['singleFlight.run', 'singleFlight.forget']);
  });
});
