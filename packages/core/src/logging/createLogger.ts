import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogLevel } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import { escapeControls, hasControls } from '../security/escapeControls.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where log lines go: stderr (never stdout, which stdio MCP owns), a file, or a test's array. */
export interface LogSink {
  write(line: string): void;
  close(): Promise<void>;
  /** A person reads it (a terminal): the `auto` format is then readable text, in colour. */
  readonly isTerminal?: boolean;
}

export function stderrSink(): LogSink {
  return {
    write: (line) => void process.stderr.write(line),
    close: async () => {},
    isTerminal: process.stderr.isTTY === true,
  };
}

export function fileSink(file: string): LogSink {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const stream = createWriteStream(file, { flags: 'a' });
  return {
    write: (line) => void stream.write(line),
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}

function serialize(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: value.message,
      ...(code === undefined ? {} : { code }),
      ...(value.stack ? { stack: value.stack } : {}),
      ...(value.cause === undefined ? {} : { cause: serialize(value.cause) }),
    };
  }
  return value;
}

function serializeAll(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) data[key] = serialize(value);
  return data;
}

export interface HostLogger extends Logger {
  readonly level: LogLevel;
  close(): Promise<void>;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  /** `json` lines for machines, `plain` text for people, `auto`: plain on a terminal, JSON otherwise. */
  readonly format: 'json' | 'plain' | 'auto';
  readonly sink: LogSink;
  readonly redact?: ((text: string) => string) | undefined;
  /** Colour plain text (ANSI). Default: when the sink is a terminal and NO_COLOR is not set. */
  readonly colour?: boolean | undefined;
}

const ANSI = { reset: '\x1b[0m', dim: '\x1b[2m', bold: '\x1b[1m' } as const;
const LEVEL_COLOUR: Record<LogLevel, string> = {
  debug: '\x1b[90m',
  info: '\x1b[36m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
};

/**
 * One field value as plain text: bare when it has no spaces, quotes or control characters, else quoted; an error
 * as its message. Every control character is escaped, so a value (a claim, an argument) cannot move the cursor,
 * rewrite earlier lines or retitle an operator's terminal.
 */
function plainValue(value: unknown): string {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return quoted(code === undefined ? value.message : `${value.message} [${String(code)}]`);
  }
  if (typeof value === 'string')
    return /^[^\s"=\\]+$/.test(value) && !hasControls(value) ? value : quoted(value);
  if (typeof value === 'object' && value !== null) return escapeControls(JSON.stringify(value) ?? 'null');
  return escapeControls(String(value));
}

const quoted = (text: string): string => escapeControls(JSON.stringify(text));
const escapeJson = (value: unknown): string => escapeControls(JSON.stringify(value));

/** `2026-01-05T10:00:00.000Z INFO  ready mode=read-only tools=30`, coloured by level on a terminal. */
function plainLine(level: LogLevel, message: string, data: Record<string, unknown>, colour: boolean): string {
  const paint = (code: string, text: string) =>
    colour && code !== '' ? `${code}${text}${ANSI.reset}` : text;
  const fields = Object.entries(data).map(
    ([key, value]) => `${paint(ANSI.dim, `${escapeControls(key)}=`)}${plainValue(value)}`,
  );
  return [
    paint(ANSI.dim, new Date().toISOString()),
    paint(LEVEL_COLOUR[level], level.toUpperCase().padEnd(5)),
    paint(level === 'info' ? '' : ANSI.bold, escapeControls(message)),
    ...fields,
  ].join(' ');
}

/** A small structured logger: JSON lines or readable text at or above `level`, secrets redacted. */
export function createLogger(options: LoggerOptions, bindings: Record<string, unknown> = {}): HostLogger {
  const min = RANK[options.level];
  const redact = options.redact ?? ((t: string) => t);
  const json = options.format === 'json' || (options.format === 'auto' && options.sink.isTerminal !== true);
  const colour = options.colour ?? (options.sink.isTerminal === true && !process.env['NO_COLOR']);
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (RANK[level] < min) return;
    // JSON escapes C0 controls itself; DEL, C1 and the Unicode separators and overrides are escaped after it.
    const line = json
      ? escapeJson({
          time: new Date().toISOString(),
          level,
          msg: message,
          ...bindings,
          ...serializeAll(fields),
        })
      : plainLine(level, message, { ...bindings, ...fields }, colour);
    options.sink.write(`${redact(line)}\n`);
  };
  return {
    level: options.level,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (more) => createLogger(options, { ...bindings, ...more }),
    close: () => options.sink.close(),
  };
}

/** Collects lines in memory (tests). */
export function memorySink(): LogSink & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => void lines.push(line), close: async () => {} };
}
