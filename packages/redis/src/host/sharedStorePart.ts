import type { HostParts } from '@mcp-panther/core';
import type { RedisConfig } from './section.js';

/**
 * The host's `sharedStore` part for a `redis` section: nothing when it is unset; otherwise Redis (ioredis and the
 * backend are imported only then, so a host without Redis never loads them).
 */
export function redisSharedStore(config: RedisConfig | undefined): HostParts['sharedStore'] {
  return ({ logger }) =>
    config === undefined
      ? undefined
      : import('./createRedisSharedStore.js').then((redis) =>
          redis.createRedisSharedStore({ config, logger }),
        );
}
