import { describe, expect, it, vi } from 'vitest';
import { sleep } from './sleep.js';

describe('sleep', () => {
  it('resolves after the wait, with or without a signal', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    await expect(sleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });

  it("rejects with the signal's reason when aborted during the wait", async () => {
    const abort = new AbortController();
    const waiting = sleep(60_000, abort.signal);
    abort.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
  });

  it('rejects at once when the signal was already aborted', async () => {
    await expect(sleep(60_000, AbortSignal.abort('stopped'))).rejects.toBe('stopped');
  });
});

describe('sleep with fake timers', () => {
  it('waits on the global timer, so fake timers move it and leave no listener behind', async () => {
    vi.useFakeTimers();
    try {
      const abort = new AbortController();
      let done = false;
      const waiting = sleep(2000, abort.signal).then(() => {
        done = true;
      });
      await vi.advanceTimersByTimeAsync(1999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(done).toBe(true);
      abort.abort('late');
    } finally {
      vi.useRealTimers();
    }
  });
});
