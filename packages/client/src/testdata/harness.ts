import { createPantherClient } from '../createPantherClient.js';
import type { ClientLogger, PantherClientOptions } from '../options.js';
import type { FakeUpstream } from '../testing/index.js';
import type { PantherClient } from '../types.js';

export const TEST_TOKEN = 'pat_TEST_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** A client pointed at a fake upstream, with limits loose enough that tests only see what they set. */
export function clientFor(
  upstream: FakeUpstream,
  overrides: Partial<PantherClientOptions> = {},
): PantherClient {
  return createPantherClient({
    urls: { rest: upstream.url, graphql: `${upstream.url}/public/graphql` },
    token: TEST_TOKEN,
    requestsPerSecond: Number.POSITIVE_INFINITY,
    retryBaseDelayMs: 1,
    ...overrides,
  });
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** A logger that keeps every line. */
export function captureLogger(): { logger: ClientLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, fields });
    };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
