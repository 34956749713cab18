import pLimit from 'p-limit';

/** At most `concurrency` tasks run at once; a caller whose signal fires while queued leaves the queue. */
export interface ConcurrencyGate {
  run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly pending: number;
}

export function createConcurrencyGate(concurrency: number): ConcurrencyGate {
  const limit = pLimit(concurrency);
  return {
    run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T> {
      if (signal.aborted) return Promise.reject(signal.reason);
      return new Promise<T>((resolve, reject) => {
        let gone = false;
        const onAbort = () => {
          gone = true;
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        void limit(async () => {
          // p-limit cannot drop a queued task, so a caller that left makes its slot free at once.
          if (gone) return;
          // From here the task owns the signal (fetch aborts on it) and settles the promise itself.
          signal.removeEventListener('abort', onAbort);
          try {
            resolve(await task());
          } catch (error) {
            reject(error);
          }
        });
      });
    },
    get active() {
      return limit.activeCount;
    },
    get pending() {
      return limit.pendingCount;
    },
  };
}
