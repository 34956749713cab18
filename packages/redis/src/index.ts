/** The public API of @mcp-panther/redis: named exports only. */

export { maskRedisUrl, urlSecrets } from './connection/redisUrl.js';
export type { RedisBackend, RedisStats, RedisStoreOptions } from './createRedisBackend.js';
export { createRedisBackend } from './createRedisBackend.js';
export type { RedisClientState } from './createRedisClientState.js';
export { createRedisClientState } from './createRedisClientState.js';
export type {
  LocalState,
  RateLimitOptions,
  RedisBackendOptions,
  RedisClientStateOptions,
  RedisState,
  RedisStateChange,
  RedisTimeouts,
} from './options.js';
export { DEFAULT_REDIS_TIMEOUTS, RedisOptionsError } from './options.js';
