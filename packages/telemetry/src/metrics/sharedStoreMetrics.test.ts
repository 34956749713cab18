import {
  createMemoryCacheStore,
  createMemorySingleFlight,
  createTokenBucketRateLimiter,
} from '@mcp-panther/client';
import { createLogger, memorySink, parseConfig, type SharedStore } from '@mcp-panther/core';
import { redisSharedStore } from '@mcp-panther/redis/host';
import { type RedisServer, startRedisServer } from '@mcp-panther/redis/testing';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from './createMetrics.js';

let redis: RedisServer | undefined;
let store: SharedStore | undefined;
afterEach(async () => {
  await store?.close();
  await redis?.stop();
  store = undefined;
  redis = undefined;
});

const sample = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('shared-store metrics', () => {
  it('are absent until a shared store is tracked', async () => {
    const metrics = createMetrics({ processMetrics: false });
    expect((await metrics.render()).body).not.toContain('mcp_panther_shared_store');
  });

  describeWithPrograms(['redis-server'], 'with a real Redis', () => {
    it('follow a real Redis going down: up, then down with an outage and fallbacks counted', async () => {
      redis = await startRedisServer();
      const logger = createLogger({ level: 'error', format: 'json', sink: memorySink() });
      const part = redisSharedStore({ url: redis.url, replicas: 1 });
      store = await part({ config: parseConfig({}), logger });
      expect(store?.status().state).toBe('up');
      const target = { rest: 'http://127.0.0.1:9', graphql: 'http://127.0.0.1:9/public/graphql' };
      const cache = store!.cacheStore(
        { target, namespace: 'telemetry-test' },
        createMemoryCacheStore({ maxEntries: 10 }),
      );
      store!.singleFlight({ target, namespace: 'telemetry-test' }, createMemorySingleFlight());
      store!.rateLimiter(
        { target, namespace: 'instance:telemetry-test', budget: { requestsPerSecond: 1000, burst: 100 } },
        createTokenBucketRateLimiter({ requestsPerSecond: 1000, burst: 100 }),
      );
      const metrics = createMetrics({ processMetrics: false });
      metrics.trackSharedStore(store!);
      const up = (await metrics.render()).body;
      expect(up).toContain('mcp_panther_shared_store_up{kind="redis"} 1');
      expect(sample(up, 'mcp_panther_shared_store_outages_total')).toBe(0);

      await redis.kill();
      // Bounded: each read falls back once Redis is given up; at most 100 tries.
      for (let i = 0; i < 100 && store!.status().state !== 'down'; i += 1) {
        await cache.get(`k${i}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(store!.status().state).toBe('down');
      await cache.get('after-outage');
      const down = (await metrics.render()).body;
      expect(down).toContain('mcp_panther_shared_store_up{kind="redis"} 0');
      expect(down).toContain('mcp_panther_shared_store_outages_total{kind="redis"} 1');
      expect(down).toMatch(/mcp_panther_shared_store_fallbacks_total\{kind="redis",part="cache"\} [1-9]/);
      expect(down).not.toContain(redis.url);
    });
  });
});
