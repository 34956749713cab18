import { describe, expect, it } from 'vitest';
import { captureLogger } from '../../testdata/harness.js';
import { createPartMonitor, PartTimeout } from './monitor.js';

describe('createPartMonitor', () => {
  it('counts every failure and warns at most once per part per minute', () => {
    let t = 0;
    const { logger, lines } = captureLogger();
    const stats = { partErrors: 0 };
    const monitor = createPartMonitor({ logger, stats, now: () => t });
    monitor.failed('cacheStore', 'get', new PartTimeout(250));
    monitor.failed('cacheStore', 'set', new Error('x'));
    monitor.failed('singleFlight', 'run', Object.assign(new Error('x'), { code: 'ECONNREFUSED' }));
    t = 59_999;
    monitor.failed('cacheStore', 'get', new Error('x'));
    t = 60_000;
    monitor.failed('cacheStore', 'versions', new TypeError('x'));
    expect(stats.partErrors).toBe(5);
    expect(lines.map((l) => l.fields)).toEqual([
      { part: 'cacheStore', operation: 'get', reason: 'timeout (250 ms)' },
      { part: 'singleFlight', operation: 'run', reason: 'ECONNREFUSED' },
      { part: 'cacheStore', operation: 'versions', reason: 'TypeError', unreportedFailures: 2 },
    ]);
    expect(lines.every((l) => l.level === 'warn')).toBe(true);
  });

  it("never logs a part's own message, which may quote credentials", () => {
    const { logger, lines } = captureLogger();
    const monitor = createPartMonitor({ logger, stats: { partErrors: 0 } });
    monitor.failed('rateLimiter', 'acquire', new Error('connect redis://admin:s3cret@10.0.0.5 failed'));
    monitor.failed('cacheStore', 'get', Object.assign(new Error('x'), { code: 'pass=s3cret and more' }));
    monitor.failed('singleFlight', 'run', 'a string with s3cret');
    expect(JSON.stringify(lines)).not.toContain('s3cret');
  });
});
