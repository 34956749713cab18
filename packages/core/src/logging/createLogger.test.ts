import { describe, expect, it } from 'vitest';
import { hasControls } from '../security/escapeControls.js';
import { createRedactor } from '../security/redact.js';
import { createLogger, memorySink } from './createLogger.js';

const ESC = String.fromCharCode(0x1b);

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

  it('writes readable lines when asked: fields as key=value, strings quoted only when they must be', () => {
    const sink = memorySink();
    const logger = createLogger({ level: 'debug', format: 'plain', sink }).child({ pack: 'alerts' });
    logger.info('listening', { url: 'http://127.0.0.1:1/mcp', tools: 30, note: 'two words' });
    logger.warn('call failed', { error: Object.assign(new Error('Panther said no'), { code: 'AUTH' }) });
    expect(sink.lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\S+Z INFO {2}listening pack=alerts url=http:\/\/127\.0\.0\.1:1\/mcp tools=30 note="two words"\n$/,
    );
    expect(sink.lines[1]).toMatch(/ WARN {2}call failed pack=alerts error="Panther said no \[AUTH\]"\n$/);
    expect(sink.lines.join('')).not.toContain('\x1b[');
  });

  it('auto: readable text in colour on a terminal, JSON lines anywhere else', () => {
    const terminal = { ...memorySink(), isTerminal: true };
    const lines: string[] = [];
    terminal.write = (line) => void lines.push(line);
    createLogger({ level: 'info', format: 'auto', sink: terminal, colour: true }).warn('slow', { ms: 12 });
    expect(lines[0]).toContain('\x1b[33mWARN \x1b[0m');
    expect(lines[0]).toContain('\x1b[2mms=\x1b[0m12');

    const pipe = memorySink();
    createLogger({ level: 'info', format: 'auto', sink: pipe }).warn('slow', { ms: 12 });
    expect(JSON.parse(pipe.lines[0]!)).toMatchObject({ level: 'warn', msg: 'slow', ms: 12 });
  });

  it('redacts secrets in readable lines too', () => {
    const sink = memorySink();
    createLogger({
      level: 'info',
      format: 'plain',
      sink,
      redact: createRedactor(() => ['pan-secret-token-42']).text,
    }).error('rejected', { error: new Error('token pan-secret-token-42 is unknown') });
    expect(sink.lines[0]).toContain('error="token [REDACTED] is unknown"');
  });

  it('escapes every control character a value, key or message holds, in both formats (terminal injection)', () => {
    const hostile = 'eve\x1b]0;owned\x07\x1b[1A\x1b[2K\rroot\x9b2J\u202e';
    const plain = memorySink();
    createLogger({ level: 'info', format: 'plain', sink: plain, colour: true })
      .child({ [`k${hostile}`]: 1 })
      .warn(`refused ${hostile}`, {
        caller: hostile,
        error: new Error(hostile),
        claims: { name: hostile },
      });
    const json = memorySink();
    createLogger({ level: 'info', format: 'json', sink: json }).warn(hostile, { caller: hostile });
    for (const line of [plain.lines[0]!, json.lines[0]!]) {
      // The only escape sequences left are the logger's own colours.
      const withoutColours = line.replace(new RegExp(`${ESC}\\[(?:0|1|2|3[0-9]|90)m`, 'g'), '');
      expect(hasControls(withoutColours.trimEnd())).toBe(false);
      expect(withoutColours).toContain('\\u001b]0;owned\\u0007');
    }
    expect(plain.lines[0]!.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toContain(
      'caller="eve\\u001b]0;owned',
    );
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ msg: hostile, caller: hostile });
  });
});
