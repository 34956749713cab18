import type { Redis } from 'ioredis';

export type Wake = 'notice' | 'timeout' | 'down';

/** Interest in one flight's end, registered before its outcome is first looked up so no notice is missed. */
export interface FlightWatch {
  /** Resolves on a notice for the flight (or one that came since the last call), a timeout, or Redis going away. */
  next(ms: number, signal: AbortSignal): Promise<Wake>;
  close(): void;
}

export interface FlightNotices {
  /** Receives the notices of one more channel (one per namespace); a channel already listened to is kept. */
  listen(channel: string): void;
  watch(flightId: string): FlightWatch;
  /** Wakes every watcher with `down`: Redis is gone, followers stop waiting for it. */
  wakeAll(): void;
}

/**
 * Announcements of finished flights over one pub/sub channel per namespace, all on one subscriber connection
 * (ioredis subscribes again after a reconnect). A notice carries only the flight id, a random UUID, so watchers
 * need no channel of their own; the outcome is read from its key, so a missed notice costs at most one poll
 * interval.
 */
export function createFlightNotices(subscriber: Redis): FlightNotices {
  const watchers = new Map<string, Set<(wake: Wake) => void>>();
  const channels = new Set<string>();
  const subscribe = (list: readonly string[]) => {
    // Commands are not queued while disconnected: the next 'ready' subscribes to every channel.
    if (subscriber.status === 'ready' && list.length > 0)
      subscriber.subscribe(...list).catch(() => undefined);
  };

  subscriber.on('ready', () => subscribe([...channels]));
  subscriber.on('error', () => undefined);
  subscriber.on('message', (from: string, flightId: string) => {
    if (!channels.has(from)) return;
    for (const wake of watchers.get(flightId) ?? []) wake('notice');
  });

  return {
    listen(channel) {
      if (channels.has(channel)) return;
      channels.add(channel);
      subscribe([channel]);
    },
    watch(flightId) {
      let pending: Wake | undefined;
      let waiting: ((wake: Wake) => void) | undefined;
      const wake = (reason: Wake) => {
        if (waiting === undefined) {
          if (pending !== 'down') pending = reason;
          return;
        }
        const resolve = waiting;
        waiting = undefined;
        resolve(reason);
      };
      let set = watchers.get(flightId);
      if (set === undefined) {
        set = new Set();
        watchers.set(flightId, set);
      }
      set.add(wake);
      return {
        next(ms, signal) {
          if (signal.aborted) return Promise.reject(signal.reason);
          if (pending !== undefined) {
            const reason = pending;
            pending = reason === 'down' ? 'down' : undefined;
            return Promise.resolve(reason);
          }
          return new Promise<Wake>((resolve, reject) => {
            const onAbort = () => {
              clearTimeout(timer);
              waiting = undefined;
              reject(signal.reason);
            };
            const timer = setTimeout(() => wake('timeout'), ms);
            waiting = (reason) => {
              clearTimeout(timer);
              signal.removeEventListener('abort', onAbort);
              resolve(reason);
            };
            signal.addEventListener('abort', onAbort, { once: true });
          });
        },
        close() {
          const current = watchers.get(flightId);
          current?.delete(wake);
          if (current?.size === 0) watchers.delete(flightId);
        },
      };
    },
    wakeAll() {
      for (const set of watchers.values()) for (const wake of set) wake('down');
    },
  };
}
