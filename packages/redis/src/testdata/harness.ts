import { createRedisClientState, type RedisClientState } from '../createRedisClientState.js';
import type { RedisClientStateOptions } from '../options.js';
import { type CountingLocalParts, createLocalParts } from './localParts.js';
import { recordingLogger } from './recordingLogger.js';

export interface Replica {
  readonly parts: RedisClientState;
  readonly local: CountingLocalParts;
  readonly logger: ReturnType<typeof recordingLogger>;
}

export type ReplicaOptions = Partial<Omit<RedisClientStateOptions, 'url' | 'local'>>;

/** One stand-in replica: its own Redis connections, its own local fallbacks and logger. */
export function createReplica(url: string, options: ReplicaOptions = {}): Replica {
  const local = createLocalParts();
  const logger = recordingLogger();
  const parts = createRedisClientState({ url, namespace: 'test', logger, local, ...options });
  return { parts, local, logger };
}

/** A replica that is connected to Redis. */
export async function startReplica(url: string, options: ReplicaOptions = {}): Promise<Replica> {
  const replica = createReplica(url, options);
  if (!(await replica.parts.whenReady(5000))) throw new Error(`replica could not reach Redis at ${url}`);
  return replica;
}

/** Polls `condition` every 10 ms, at most `tries` times; a test waits on state, never on a fixed delay. */
export async function until(condition: () => boolean, what: string, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const never = new AbortController().signal;
