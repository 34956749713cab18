import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogLevel } from '../config/schema.js';
import type { Logger } from '../define/types.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where log lines go: stderr (never stdout, which stdio MCP owns), a file, or a test's array. */
export interface LogSink {
  write(line: string): void;
  close(): Promise<void>;
}

export function stderrSink(): LogSink {
  return { write: (line) => void process.stderr.write(line), close: async () => {} };
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

export interface HostLogger extends Logger {
  readonly level: LogLevel;
  close(): Promise<void>;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  readonly format: 'json' | 'plain';
  readonly sink: LogSink;
  readonly redact?: ((text: string) => string) | undefined;
}

/** A small structured logger: JSON lines (or plain text) at or above `level`, secrets redacted. */
export function createLogger(options: LoggerOptions, bindings: Record<string, unknown> = {}): HostLogger {
  const min = RANK[options.level];
  const redact = options.redact ?? ((t: string) => t);
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (RANK[level] < min) return;
    const data: Record<string, unknown> = { ...bindings };
    for (const [key, value] of Object.entries(fields ?? {})) data[key] = serialize(value);
    let line: string;
    if (options.format === 'json') {
      line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...data });
    } else {
      const extra = Object.keys(data).length > 0 ? ` ${JSON.stringify(data)}` : '';
      line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${extra}`;
    }
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
