import pLimit from 'p-limit';

/**
 * At most `concurrency` tasks run at once (p-limit); a caller whose signal fires while queued leaves the queue
 * at once and its task never runs.
 */
export interface ConcurrencyGate {
  run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Callers waiting for a slot (those that left are not counted). */
  readonly pending: number;
}

export function createConcurrencyGate(concurrency: number): ConcurrencyGate {
  const limit = pLimit(Math.max(1, concurrency));
  // Counted here rather than read from p-limit, whose counters settle a tick after a task ends.
  let active = 0;
  let pending = 0;
  return {
    run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T> {
      if (signal.aborted) return Promise.reject(signal.reason);
      pending += 1;
      return new Promise<T>((resolve, reject) => {
        let gone = false;
        const onAbort = () => {
          gone = true;
          pending -= 1;
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        void limit(async () => {
          // p-limit cannot drop a queued task, so a caller that left makes its slot free at once.
          if (gone) return;
          // From here the task owns the signal (the request aborts on it) and settles the promise itself.
          signal.removeEventListener('abort', onAbort);
          pending -= 1;
          active += 1;
          try {
            const value = await task();
            active -= 1;
            resolve(value);
          } catch (error) {
            active -= 1;
            reject(error);
          }
        });
      });
    },
    get active() {
      return active;
    },
    get pending() {
      return pending;
    },
  };
}
