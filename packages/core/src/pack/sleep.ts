import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it is aborted (so a cancelled call ends with the
 * reason the host gave, not a generic AbortError).
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal === undefined ? undefined : { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}
