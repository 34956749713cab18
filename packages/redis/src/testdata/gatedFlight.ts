import type { SingleFlight } from '@mcp-panther/client';
import { closeConnection, createConnection } from '../connection/createConnection.js';
import { createHealth, type Health } from '../connection/health.js';
import { namespacedKeys } from '../keys.js';
import { DEFAULT_REDIS_TIMEOUTS } from '../options.js';
import { createFlightNotices } from '../singleFlight/flightNotices.js';
import { createRedisSingleFlight } from '../singleFlight/redisSingleFlight.js';
import { deferred } from './harness.js';
import { createLocalParts } from './localParts.js';

/**
 * A replica's single flight whose Redis commands the test can hold back (as a replica starved of CPU would
 * send them late), to order what several replicas do without relying on timing.
 */
export interface GatedFlight {
  readonly flight: SingleFlight & { readonly stats: { following: number } };
  /** Commands issued from now on wait until `release`. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startGatedFlight(url: string, namespace: string): Promise<GatedFlight> {
  const redis = createConnection({ url, connectTimeoutMs: 1000, name: 'mcp-panther' });
  const subscriber = createConnection({
    url,
    connectTimeoutMs: 1000,
    name: 'mcp-panther-notices',
    resubscribesItself: true,
  });
  const health = createHealth({
    redis,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    displayUrl: url,
    secrets: [],
    probeIntervalMs: 1000,
    probeTimeoutMs: 200,
    rejoinTimeoutMs: 1000,
    onStateChange: () => {},
  });
  let held: ReturnType<typeof deferred> | undefined;
  const gated: Health = {
    get state() {
      return health.state;
    },
    counters: health.counters,
    async attempt(timeoutMs, operation) {
      while (held !== undefined) await held.promise;
      return health.attempt(timeoutMs, operation);
    },
    fellBack: (part) => health.fellBack(part),
    onRejoin: (hook) => health.onRejoin(hook),
    onDown: (listener) => health.onDown(listener),
    whenUp: (ms) => health.whenUp(ms),
    close: () => health.close(),
  };
  const keys = namespacedKeys(namespace);
  const flight = createRedisSingleFlight({
    health: gated,
    keys,
    local: createLocalParts().singleFlight,
    notices: createFlightNotices(subscriber),
    channel: keys.key('sf', 'done'),
    leaseMs: 5000,
    timeoutMs: DEFAULT_REDIS_TIMEOUTS.singleFlightMs,
  });
  if (!(await health.whenUp(5000))) throw new Error(`the gated replica could not reach Redis at ${url}`);
  return {
    flight,
    hold() {
      held ??= deferred();
    },
    release() {
      const current = held;
      held = undefined;
      current?.resolve(undefined);
    },
    async close() {
      health.close();
      await Promise.all([closeConnection(redis, 1000), closeConnection(subscriber, 1000)]);
    },
  };
}
