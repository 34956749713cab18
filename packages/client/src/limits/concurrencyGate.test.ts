import { describe, expect, it } from 'vitest';
import { createConcurrencyGate } from './concurrencyGate.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createConcurrencyGate', () => {
  it('runs at most `concurrency` tasks at once', async () => {
    const gate = createConcurrencyGate(3);
    const signal = new AbortController().signal;
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        gate.run(signal, async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 1));
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('lets a queued caller leave when its signal fires, and frees nothing it did not hold', async () => {
    const gate = createConcurrencyGate(1);
    const hold = deferred();
    const running = gate.run(new AbortController().signal, () => hold.promise);
    const controller = new AbortController();
    let ran = false;
    const queued = gate.run(controller.signal, async () => {
      ran = true;
    });
    controller.abort(new Error('cancelled'));
    await expect(queued).rejects.toThrow('cancelled');
    hold.resolve();
    await running;
    await gate.run(new AbortController().signal, async () => {});
    expect(ran).toBe(false);
    expect(gate.active).toBe(0);
    expect(gate.pending).toBe(0);
  });

  it('starts queued tasks first come, first served', async () => {
    const gate = createConcurrencyGate(1);
    const signal = new AbortController().signal;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4].map((n) =>
        gate.run(signal, async () => {
          order.push(n);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }),
      ),
    );
    expect(order).toEqual([1, 2, 3, 4]);
    expect(gate.active).toBe(0);
  });

  it('passes the task error through', async () => {
    const gate = createConcurrencyGate(1);
    await expect(
      gate.run(new AbortController().signal, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
