/**
 * Test helpers of @mcp-panther/redis (the `./testing` entry), for set-ups with several replicas: a real
 * redis-server started by the test, and a round-robin, counting HTTP proxy (a load balancer in front of
 * replicas, or a counter in front of a Panther). Named exports only.
 */

export type { RedisServer, RedisServerOptions } from './redisServer.js';
export { startRedisServer } from './redisServer.js';
export type { ProxiedRequest, RoundRobinProxy } from './roundRobinProxy.js';
export { startRoundRobinProxy } from './roundRobinProxy.js';
