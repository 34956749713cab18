import {
  createMemoryCacheStore,
  createMemorySingleFlight,
  createTokenBucketRateLimiter,
} from '@mcp-panther/client';
import { createRedisParts, type RedisParts } from '@mcp-panther/redis';
import { type RedisServer, startRedisServer } from '@mcp-panther/redis/testing';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from './createMetrics.js';

let redis: RedisServer | undefined;
let parts: RedisParts | undefined;
afterEach(async () => {
  await parts?.close();
  await redis?.stop();
  parts = undefined;
  redis = undefined;
});

const sample = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('Redis metrics', () => {
  it('are absent until Redis parts are tracked', async () => {
    const metrics = createMetrics({ processMetrics: false });
    expect((await metrics.render()).body).not.toContain('mcp_panther_redis');
  });

  describeWithPrograms(['redis-server'], 'with a real Redis', () => {
    it('follow a real Redis going down: up, then down with an outage and fallbacks counted', async () => {
      redis = await startRedisServer();
      parts = createRedisParts({
        url: redis.url,
        namespace: 'telemetry-test',
        timeouts: { probeIntervalMs: 100, connectMs: 500 },
        local: {
          cacheStore: createMemoryCacheStore({ maxEntries: 10 }),
          rateLimiter: createTokenBucketRateLimiter({ requestsPerSecond: 1000, burst: 100 }),
          singleFlight: createMemorySingleFlight(),
        },
      });
      expect(await parts.whenReady(5_000)).toBe(true);
      const metrics = createMetrics({ processMetrics: false });
      metrics.trackRedis(parts);
      const up = (await metrics.render()).body;
      expect(sample(up, 'mcp_panther_redis_up')).toBe(1);
      expect(sample(up, 'mcp_panther_redis_outages_total')).toBe(0);

      await redis.kill();
      // Bounded: each read falls back once Redis is given up; at most 100 tries.
      for (let i = 0; i < 100 && parts.state !== 'down'; i += 1) {
        await parts.cacheStore.get(`k${i}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(parts.state).toBe('down');
      await parts.cacheStore.get('after-outage');
      const down = (await metrics.render()).body;
      expect(sample(down, 'mcp_panther_redis_up')).toBe(0);
      expect(sample(down, 'mcp_panther_redis_outages_total')).toBe(1);
      expect(down).toMatch(/mcp_panther_redis_fallbacks_total\{part="cache\w*"\} [1-9]/);
      expect(down).not.toContain(redis.url);
    });
  });
});
