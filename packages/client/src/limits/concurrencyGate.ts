/** At most `concurrency` tasks run at once; a caller whose signal fires while queued leaves the queue. */
export interface ConcurrencyGate {
  run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly pending: number;
}

interface Waiter {
  start(): void;
  onAbort(): void;
}

/**
 * A first-come-first-served gate. A task under the limit starts at once, in the caller's turn (no extra ticks
 * on the common path); a queued caller whose signal fires is removed from the queue and never runs.
 */
export function createConcurrencyGate(concurrency: number): ConcurrencyGate {
  const limit = Math.max(1, concurrency);
  const queue: Waiter[] = [];
  let active = 0;

  const release = () => {
    active -= 1;
    queue.shift()?.start();
  };

  const start = <T>(task: () => Promise<T>): Promise<T> => {
    active += 1;
    let running: Promise<T>;
    try {
      running = task();
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.finally(release);
  };

  return {
    run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T> {
      if (signal.aborted) return Promise.reject(signal.reason);
      if (active < limit) return start(task);
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter = {
          // From here the task owns the signal (fetch aborts on it) and settles the promise itself.
          start() {
            signal.removeEventListener('abort', waiter.onAbort);
            start(task).then(resolve, reject);
          },
          onAbort() {
            const index = queue.indexOf(waiter);
            if (index >= 0) queue.splice(index, 1);
            reject(signal.reason);
          },
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
      });
    },
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
  };
}
