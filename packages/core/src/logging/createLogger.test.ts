import { describe, expect, it } from 'vitest';
import { createRedactor } from '../security/redact.js';
import { createLogger, memorySink } from './createLogger.js';

describe('createLogger', () => {
  it('writes JSON lines at or above the level, with bindings, and redacts secrets', () => {
    const sink = memorySink();
    const secret = 'pan-secret-token-42';
    const logger = createLogger({
      level: 'info',
      format: 'json',
      sink,
      redact: createRedactor(() => [secret]).text,
    });
    logger.debug('hidden');
    logger.child({ pack: 'alerts' }).warn('call failed', { error: new Error(`bad key ${secret}`) });
    expect(sink.lines).toHaveLength(1);
    const line = JSON.parse(sink.lines[0]!);
    expect(line).toMatchObject({
      level: 'warn',
      msg: 'call failed',
      pack: 'alerts',
      error: { message: 'bad key [REDACTED]' },
    });
    expect(sink.lines[0]).not.toContain(secret);
  });

  it('writes plain lines when asked', () => {
    const sink = memorySink();
    createLogger({ level: 'debug', format: 'plain', sink }).info('listening', {
      url: 'http://127.0.0.1:1/mcp',
    });
    expect(sink.lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT.* INFO listening \{"url":"http:\/\/127\.0\.0\.1:1\/mcp"\}\n$/,
    );
  });
});
