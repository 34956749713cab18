import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { never, type Replica, startReplica } from '../testdata/harness.js';
import { type RedisServer, startRedisServer } from '../testing/redisServer.js';

/** The most grants inside any window [t, t + 1000 ms) that starts at a grant. */
function mostPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + 1000) j += 1;
    most = Math.max(most, j - i);
  }
  return most;
}

describeWithPrograms(['redis-server'], 'Redis rate limiter', () => {
  let server: RedisServer;
  let inspect: Redis;
  let replicas: Replica[] = [];
  let namespaces = 0;

  const start = async (count: number, rateLimit: { requestsPerSecond: number; burst: number }) => {
    const namespace = `rate-${++namespaces}`;
    const started = await Promise.all(
      Array.from({ length: count }, () => startReplica(server.url, { namespace, rateLimit })),
    );
    replicas.push(...started);
    return {
      limiters: started.map((replica) => replica.parts.rateLimiter),
      bucket: `mcp-panther:{${namespace}}:rl:bucket`,
    };
  };

  beforeAll(async () => {
    server = await startRedisServer();
    inspect = new Redis(server.url);
  });
  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.parts.close()));
    replicas = [];
  });
  afterAll(async () => {
    inspect.disconnect();
    await server.stop();
  });

  it('holds requestsPerSecond + burst in every one-second window for three replicas together', async () => {
    const { limiters } = await start(3, { requestsPerSecond: 10, burst: 5 });
    const granted: number[] = [];
    let waited = 0;
    await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        limiters[i % 3]!.acquire(new AbortController().signal).then((didWait) => {
          granted.push(Date.now());
          if (didWait) waited += 1;
        }),
      ),
    );
    expect(granted).toHaveLength(45);
    expect(mostPerSecond(granted)).toBeLessThanOrEqual(15);
    // The burst went at once; everyone after it waited for the shared bucket, not a local one.
    expect(waited).toBe(40);
    expect(replicas.map((r) => r.local.counts.acquires)).toEqual([0, 0, 0]);
  });

  /** Reads the bucket's stored tokens until `predicate` holds (bounded). */
  const tokensWhen = async (bucket: string, predicate: (tokens: number) => boolean) => {
    for (let i = 0; i < 200; i += 1) {
      const tokens = Number(await inspect.hget(bucket, 'tokens'));
      if (predicate(tokens)) return tokens;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the bucket never reached the expected state');
  };

  it('rejects a waiter with its abort reason and gives its slot back', async () => {
    const { limiters, bucket } = await start(2, { requestsPerSecond: 1, burst: 1 });
    expect(await limiters[0]!.acquire(never)).toBe(false);
    const controller = new AbortController();
    const waiting = limiters[1]!.acquire(controller.signal);
    // The second caller reserved the next slot: the bucket is below zero.
    await tokensWhen(bucket, (tokens) => tokens < 0);
    controller.abort(new Error('caller went away'));
    await expect(waiting).rejects.toThrow('caller went away');
    expect(await tokensWhen(bucket, (tokens) => tokens >= 0)).toBeLessThanOrEqual(1);
  });

  it('rejects its waiters with the reason given to close', async () => {
    const { limiters, bucket } = await start(1, { requestsPerSecond: 1, burst: 1 });
    await limiters[0]!.acquire(never);
    const waiting = limiters[0]!.acquire(never);
    await tokensWhen(bucket, (tokens) => tokens < 0);
    const closed = new Error('client closed');
    await limiters[0]!.close?.(closed);
    await expect(waiting).rejects.toBe(closed);
    await expect(limiters[0]!.acquire(never)).rejects.toBe(closed);
  });

  it('never asks Redis when the rate is unlimited', async () => {
    const { limiters, bucket } = await start(1, { requestsPerSecond: Number.POSITIVE_INFINITY, burst: 1 });
    for (let i = 0; i < 50; i += 1) expect(await limiters[0]!.acquire(never)).toBe(false);
    expect(await inspect.exists(bucket)).toBe(0);
  });
});
