import type { ClientLogger } from '../../options.js';

export type PartName = 'cacheStore' | 'rateLimiter' | 'singleFlight';

/** Where the client reports a part that failed or did not answer in time. */
export interface PartMonitor {
  failed(part: PartName, operation: string, error: unknown): void;
}

/** Stands for a part that did not answer within the client's `partTimeoutMs`. */
export class PartTimeout extends Error {
  override readonly name = 'PartTimeout';
  readonly ms: number;
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.ms = ms;
  }
}

const WARN_INTERVAL_MS = 60_000;

/**
 * Counts every part failure in `stats.partErrors` and warns at most once per part per minute (a broken Redis
 * fails every call; one line a minute says so without flooding the log). The line names the error's class or
 * code only: a part's own message can quote its connection string, credentials included.
 */
export function createPartMonitor(deps: {
  logger: ClientLogger;
  stats: { partErrors: number };
  now?: (() => number) | undefined;
}): PartMonitor {
  const now = deps.now ?? (() => Date.now());
  const lastWarned = new Map<PartName, number>();
  const suppressed = new Map<PartName, number>();
  return {
    failed(part, operation, error) {
      deps.stats.partErrors += 1;
      const t = now();
      const last = lastWarned.get(part);
      if (last !== undefined && t - last < WARN_INTERVAL_MS) {
        suppressed.set(part, (suppressed.get(part) ?? 0) + 1);
        return;
      }
      lastWarned.set(part, t);
      const since = suppressed.get(part) ?? 0;
      suppressed.delete(part);
      deps.logger.warn('panther client part failed; calls go on without it', {
        part,
        operation,
        reason: reasonOf(error),
        ...(since > 0 ? { unreportedFailures: since } : {}),
      });
    },
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof PartTimeout) return `timeout (${error.ms} ms)`;
  if (typeof error !== 'object' || error === null) return typeof error;
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return code;
  return typeof name === 'string' && /^[\w.-]{1,64}$/.test(name) ? name : 'Error';
}
