import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CacheStore,
  createMemoryCacheStore,
  createTokenBucketRateLimiter,
  type RateLimiter,
} from '@mcp-panther/client';

/** A running store: its URL (with the token as password), what it was asked, and how to stop it. */
export interface StoreServer {
  readonly url: string;
  readonly port: number;
  /** Requests served, by operation. */
  readonly served: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

/**
 * The "remote" store: cache entries and token buckets held in this process's memory (one cache per namespace,
 * one bucket per budget namespace), reached over HTTP on 127.0.0.1 with a bearer token. What several replicas
 * would share through a real service.
 */
export async function startStoreServer(options: {
  readonly token: string;
  readonly port?: number;
}): Promise<StoreServer> {
  const caches = new Map<string, CacheStore>();
  const buckets = new Map<string, RateLimiter>();
  const served: Record<string, number> = {};
  const cacheOf = (namespace: string) => {
    let cache = caches.get(namespace);
    if (cache === undefined) {
      cache = createMemoryCacheStore({ maxEntries: 1_000 });
      caches.set(namespace, cache);
    }
    return cache;
  };
  const server = createServer(async (request, response) => {
    const reply = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (request.headers.authorization !== `Bearer ${options.token}`)
      return reply(401, { error: 'unauthorized' });
    const operation = (request.url ?? '').replace(/^\//, '');
    served[operation] = (served[operation] ?? 0) + 1;
    try {
      const input = await body(request);
      const namespace = String(input['namespace']);
      switch (operation) {
        case 'get':
          return reply(200, { entry: (await cacheOf(namespace).get(String(input['key']))) ?? null });
        case 'versions':
          return reply(200, { versions: await cacheOf(namespace).versions(input['tags'] as string[]) });
        case 'set':
          await cacheOf(namespace).set(String(input['key']), input['value'], input['options'] as never);
          return reply(200, {});
        case 'delete':
          await cacheOf(namespace).delete(String(input['key']));
          return reply(200, {});
        case 'invalidate':
          await cacheOf(namespace).invalidate(input['tags'] as string[]);
          return reply(200, {});
        case 'acquire': {
          const budget = input['budget'] as { requestsPerSecond: number; burst: number };
          let bucket = buckets.get(namespace);
          if (bucket === undefined) {
            bucket = createTokenBucketRateLimiter(budget);
            buckets.set(namespace, bucket);
          }
          return reply(200, { waited: await bucket.acquire(AbortSignal.timeout(10_000)) });
        }
        default:
          return reply(404, { error: `no operation ${operation}` });
      }
    } catch (error) {
      return reply(500, { error: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://:${encodeURIComponent(options.token)}@127.0.0.1:${port}`,
    port,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
