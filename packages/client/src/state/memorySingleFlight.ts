import type { SingleFlight } from './types.js';

/** The built-in `SingleFlight`, plus the number of flights under way. */
export interface MemorySingleFlight extends SingleFlight {
  forget(tags: readonly string[]): void;
  /** Forgets every flight; callers already waiting still get their answers. */
  close(): Promise<void>;
  readonly size: number;
}

interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  tags: readonly string[];
  waiters: number;
}

/**
 * Identical reads in flight in this process share one upstream call. Each caller waits with its own signal; the
 * shared call is aborted only when every caller has gone, so one caller's cancellation never fails the others.
 * `start` is called, or the join reported, before `run` returns its promise.
 */
export function createMemorySingleFlight(): MemorySingleFlight {
  const flights = new Map<string, Flight>();

  const detach = (key: string, flight: Flight) => {
    if (flights.get(key) === flight) flights.delete(key);
  };

  const forget = (tags: readonly string[]) => {
    if (tags.length === 0) return;
    const dropped = new Set(tags);
    for (const [key, flight] of flights) {
      if (flight.tags.some((tag) => dropped.has(tag))) flights.delete(key);
    }
  };

  return {
    run<T>(
      key: string,
      options: Parameters<SingleFlight['run']>[1],
      start: (shared: AbortSignal) => Promise<T>,
    ): Promise<{ value: T; joined: boolean }> {
      const { signal, tags } = options;
      if (signal.aborted) return Promise.reject(signal.reason);
      let flight = flights.get(key);
      const joined = flight !== undefined;
      if (flight === undefined) {
        const controller = new AbortController();
        const created: Flight = { promise: start(controller.signal), controller, tags, waiters: 0 };
        flights.set(key, created);
        // Nobody may be left to observe the outcome; keep it from becoming an unhandled rejection.
        created.promise.then(
          () => detach(key, created),
          () => detach(key, created),
        );
        flight = created;
      } else {
        options.onJoin?.();
      }
      const current = flight;
      current.waiters += 1;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          current.waiters -= 1;
          if (current.waiters === 0) {
            detach(key, current);
            current.controller.abort(signal.reason);
          }
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        current.promise.then(
          (value) => {
            signal.removeEventListener('abort', onAbort);
            resolve({ value: value as T, joined });
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
    forget,
    async close() {
      // Callers still waiting keep their flights; later reads start fresh ones.
      flights.clear();
    },
    get size() {
      return flights.size;
    },
  };
}
