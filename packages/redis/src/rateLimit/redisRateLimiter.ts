import type { RateLimiter } from '@mcp-panther/client';
import type { Health } from '../connection/health.js';
import { runScript } from '../connection/luaScript.js';
import type { Keys } from '../keys.js';
import { refundToken, reserveToken } from './rateLimitScripts.js';

interface Sleeper {
  timer: ReturnType<typeof setTimeout>;
  reject(reason: unknown): void;
  signal: AbortSignal;
  onAbort(): void;
}

/**
 * A RateLimiter shared by every replica: one token bucket in Redis (a Lua script on the server's clock), so
 * `requestsPerSecond` and `burst` hold for all replicas together. While Redis is unusable it uses `local`.
 */
export function createRedisRateLimiter(deps: {
  health: Health;
  keys: Keys;
  local: RateLimiter;
  requestsPerSecond: number;
  burst: number;
  timeoutMs: number;
}): RateLimiter {
  const { health, local, burst, timeoutMs } = deps;
  const bucket = deps.keys.key('rl', 'bucket');
  const perMs = String(deps.requestsPerSecond / 1000);
  const sleepers = new Set<Sleeper>();
  let closed: { reason: unknown } | undefined;

  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        signal,
        reject: (reason) => {
          clearTimeout(sleeper.timer);
          signal.removeEventListener('abort', sleeper.onAbort);
          sleepers.delete(sleeper);
          reject(reason);
        },
        onAbort: () => {
          sleeper.reject(signal.reason);
          // The slot this caller reserved is not used: hand it to the next caller.
          void health.attempt(timeoutMs, (redis) => runScript(redis, refundToken, [bucket], [burst]));
        },
        timer: setTimeout(() => {
          signal.removeEventListener('abort', sleeper.onAbort);
          sleepers.delete(sleeper);
          resolve();
        }, ms),
      };
      sleepers.add(sleeper);
      signal.addEventListener('abort', sleeper.onAbort, { once: true });
    });

  return {
    async acquire(signal) {
      if (signal.aborted) throw signal.reason;
      if (closed !== undefined) throw closed.reason;
      if (!Number.isFinite(deps.requestsPerSecond)) return false;
      const reserved = await health.attempt(timeoutMs, async (redis) =>
        Number(await runScript(redis, reserveToken, [bucket], [perMs, burst])),
      );
      if (!reserved.ok || !Number.isFinite(reserved.value)) {
        health.fellBack('rateLimiter');
        return local.acquire(signal);
      }
      // The caller may have left (or the limiter closed) during the round trip: the slot goes back.
      if (signal.aborted || closed !== undefined) {
        void health.attempt(timeoutMs, (redis) => runScript(redis, refundToken, [bucket], [burst]));
        throw signal.aborted ? signal.reason : closed!.reason;
      }
      if (reserved.value <= 0) return false;
      await sleep(reserved.value, signal);
      return true;
    },

    async close(reason?: unknown) {
      closed = { reason: reason ?? new Error('rate limiter closed') };
      for (const sleeper of [...sleepers]) sleeper.reject(closed.reason);
      await local.close?.(reason);
    },
  };
}
