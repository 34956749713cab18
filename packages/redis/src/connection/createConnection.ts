import { Redis } from 'ioredis';

export interface ConnectionSettings {
  readonly url: string;
  readonly connectTimeoutMs: number;
  /** A label for `CLIENT LIST`, e.g. `mcp-panther` or `mcp-panther-sub`. */
  readonly name: string;
  /**
   * A pub/sub connection whose owner subscribes again on every `ready` itself. ioredis's own re-subscription
   * does not handle a refusal (with no offline queue, a connection that drops again at once), which would be an
   * unhandled rejection.
   */
  readonly resubscribesItself?: boolean | undefined;
}

// Reconnect forever with a capped backoff: a part must rejoin whenever Redis comes back.
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * The one place connections are made. Commands never queue while disconnected and are never retried or
 * re-sent after a reconnect: a part that cannot reach Redis right now falls back at once instead of waiting.
 */
export function createConnection(settings: ConnectionSettings): Redis {
  return new Redis(settings.url, {
    connectionName: settings.name,
    connectTimeout: settings.connectTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    autoResubscribe: settings.resubscribesItself !== true,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), MAX_RECONNECT_DELAY_MS),
  });
}

/** Ends a connection: QUIT when it answers within `ms`, otherwise drops the socket. */
export async function closeConnection(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([redis.quit().catch(() => undefined), timedOut]);
  clearTimeout(timer);
  // QUIT may not have finished in time; `status` changed while awaiting.
  if ((redis.status as string) !== 'end') redis.disconnect();
}
