/** The host configs the measures run with, written to a temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostConfigs {
  /** Read-write, the response cache on. */
  readonly cached: string;
  /** Read-write, the cache off: every call makes the same upstream call as the baseline does. */
  readonly noCache: string;
  /** `noCache` with metrics on and traces sent to `tracesEndpoint` (written when asked: the collector comes first). */
  telemetry(tracesEndpoint: string): string;
}

export function writeHostConfigs(): HostConfigs {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-panther-bench-'));
  const write = (name: string, config: unknown): string => {
    const path = join(dir, `${name}.config.json`);
    writeFileSync(path, JSON.stringify(config));
    return path;
  };
  // The request-rate limit (20/s by default) is a deliberate policy, not overhead: the bare server has none, so
  // the host's is raised out of the way.
  const client = { requestsPerSecond: 10_000 };
  const noCacheConfig = { policy: { mode: 'read-write' }, client: { ...client, cache: { enabled: false } } };
  return {
    cached: write('cached', { policy: { mode: 'read-write' }, client }),
    noCache: write('no-cache', noCacheConfig),
    telemetry: (tracesEndpoint) =>
      write('telemetry', {
        ...noCacheConfig,
        telemetry: { metrics: { enabled: true }, traces: { endpoint: tracesEndpoint } },
      }),
  };
}
