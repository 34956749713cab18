import { conditionalSet, invalidateTags } from '../cache/cacheScripts.js';
import { isRedisAuthError } from '../connection/authError.js';
import type { LuaScript } from '../connection/luaScript.js';
import { maskRedisUrl } from '../connection/redisUrl.js';
import { refundToken, reserveToken } from '../rateLimit/rateLimitScripts.js';
import {
  acquireLease,
  finishFlight,
  forgetTags,
  renewLease,
  takeOverLease,
} from '../singleFlight/singleFlightScripts.js';

/** Every Lua script the Redis parts run. */
const SCRIPTS: readonly LuaScript[] = [
  conditionalSet,
  invalidateTags,
  acquireLease,
  takeOverLease,
  renewLease,
  finishFlight,
  forgetTags,
  reserveToken,
  refundToken,
];

/** One finding about the configured Redis, with what to do about it when it is wrong. */
export interface RedisCheck {
  readonly ok: boolean;
  /** `unreachable`, `auth` (a configuration error, not an outage), `scripts`, or `ok`. */
  readonly kind: 'ok' | 'unreachable' | 'auth' | 'scripts';
  readonly detail: string;
  readonly fix?: string;
}

export { isRedisAuthError };

/** What to do when Redis refuses the credentials. */
export const REDIS_CREDENTIALS_FIX =
  'correct the user name and password in redis.url or MCP_PANTHER_REDIS_URL (redis://:PASSWORD@host:port for a requirepass Redis, redis://USER:PASSWORD@host:port for an ACL user)';

const reasonOf = (error: unknown): string => {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message.split('\n')[0] ?? 'unknown error';
};

/**
 * Checks the Redis replicas share, as `mcp-panther doctor` reports it: reachable, authenticated (a wrong password
 * is named as such), and able to load every script the parts run (an ACL user without scripting fails here). One
 * connection, no retries, closed before returning; the URL's credentials never appear in the answer.
 */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<RedisCheck> {
  const where = maskRedisUrl(url);
  const { Redis } = await import('ioredis');
  const errors: unknown[] = [];
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectionName: 'mcp-panther-doctor',
  });
  redis.on('error', (error: unknown) => errors.push(error));
  try {
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      // The socket's own error (ECONNREFUSED, ETIMEDOUT…) says more than the rejection ("Connection is closed").
      const cause = [...errors, error].find(isRedisAuthError) ?? errors[0] ?? error;
      if (isRedisAuthError(cause)) {
        return {
          ok: false,
          kind: 'auth',
          detail: `${where} refused the credentials (${reasonOf(cause)})`,
          fix: REDIS_CREDENTIALS_FIX,
        };
      }
      return {
        ok: false,
        kind: 'unreachable',
        detail: `${where} does not answer (${reasonOf(cause)})`,
        fix: 'start Redis, or correct the host and port in redis.url or MCP_PANTHER_REDIS_URL; check firewalls between the replicas and Redis',
      };
    }
    try {
      for (const script of SCRIPTS) {
        const sha = await redis.script('LOAD', script.source);
        if (sha !== script.sha)
          throw new Error(`Redis answered ${String(sha)} for a script whose digest is ${script.sha}`);
      }
    } catch (error) {
      return {
        ok: false,
        kind: 'scripts',
        detail: `${where} does not load the shared parts' Lua scripts (${reasonOf(error)})`,
        fix: 'allow scripting for this Redis user (ACL: +@scripting, or at least +script +eval +evalsha)',
      };
    }
    return {
      ok: true,
      kind: 'ok',
      detail: `${where} answers, accepts the credentials and loads the ${SCRIPTS.length} scripts`,
    };
  } finally {
    redis.disconnect();
  }
}
