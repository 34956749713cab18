/** The public API of @mcp-panther/redis: named exports only. */

export { maskRedisUrl } from './connection/redisUrl.js';
export type { RedisParts, RedisPartsStats } from './createRedisParts.js';
export { createRedisParts } from './createRedisParts.js';
export type {
  LocalParts,
  RedisPartsOptions,
  RedisState,
  RedisStateChange,
  RedisTimeouts,
} from './options.js';
export { DEFAULT_REDIS_TIMEOUTS, RedisPartsOptionsError } from './options.js';
