/** Test helpers of @mcp-panther/redis (the `./testing` entry): named exports only. */

export type { RedisServer, RedisServerOptions } from './redisServer.js';
export { startRedisServer } from './redisServer.js';
