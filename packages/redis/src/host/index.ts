/**
 * What a host composes to share state between replicas through Redis: the `redis` config section and the
 * `sharedStore` part it configures. Light to import: Redis itself loads only when the section is set.
 */

export type { RedisCheck } from './checkRedis.js';
export { checkRedis, isRedisAuthError } from './checkRedis.js';
export type { RedisConfig } from './section.js';
export { REDIS_SECTION, redisConfig } from './section.js';
export { redisSharedStore } from './sharedStorePart.js';
