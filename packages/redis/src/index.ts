/** The public API of @mcp-panther/redis: named exports only. */

export { maskRedisUrl, urlSecrets } from './connection/redisUrl.js';
export type { RedisBackend, RedisPartOptions, RedisPartsStats } from './createRedisBackend.js';
export { createRedisBackend } from './createRedisBackend.js';
export type { RedisParts } from './createRedisParts.js';
export { createRedisParts } from './createRedisParts.js';
export type {
  LocalParts,
  RateLimitOptions,
  RedisBackendOptions,
  RedisPartsOptions,
  RedisState,
  RedisStateChange,
  RedisTimeouts,
} from './options.js';
export { DEFAULT_REDIS_TIMEOUTS, RedisPartsOptionsError } from './options.js';
