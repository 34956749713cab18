/**
 * Identical reads in flight share one upstream call. Each caller waits with its own signal; the shared call is
 * aborted only when every caller has gone, so one caller's cancellation never fails the others.
 */
export interface InFlightRequests {
  run<T>(
    key: string,
    tags: readonly string[],
    signal: AbortSignal,
    start: (shared: AbortSignal) => Promise<T>,
  ): { promise: Promise<T>; joined: boolean };
  /** Later reads with these tags start a fresh call instead of joining one that began before a write. */
  forget(tags: readonly string[]): void;
  readonly size: number;
}

interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  tags: readonly string[];
  waiters: number;
}

export function createInFlightRequests(): InFlightRequests {
  const flights = new Map<string, Flight>();

  const detach = (key: string, flight: Flight) => {
    if (flights.get(key) === flight) flights.delete(key);
  };

  return {
    run<T>(
      key: string,
      tags: readonly string[],
      signal: AbortSignal,
      start: (shared: AbortSignal) => Promise<T>,
    ) {
      if (signal.aborted) return { promise: Promise.reject(signal.reason), joined: false };
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
      }
      const current = flight;
      current.waiters += 1;
      const promise = new Promise<T>((resolve, reject) => {
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
            resolve(value as T);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
      return { promise, joined };
    },
    forget(tags) {
      if (tags.length === 0) return;
      const dropped = new Set(tags);
      for (const [key, flight] of flights) {
        if (flight.tags.some((tag) => dropped.has(tag))) flights.delete(key);
      }
    },
    get size() {
      return flights.size;
    },
  };
}
