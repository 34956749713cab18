import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../define/types.js';
import { McpHostError } from '../errors.js';
import type { CredentialKind } from '../types.js';

/** One line of the audit log: the intent of a write before it is sent, and its outcome after. */
export interface AuditRecord {
  readonly time: string;
  /** Joins a call's intent and outcome lines. */
  readonly id: string;
  readonly phase: 'intent' | 'outcome';
  readonly tool: string;
  readonly pack: string;
  /** The arguments as the client sent them, bounded in depth and size. */
  readonly arguments: unknown;
  /** The caller's display name (`nameClaim`, or the static token's name). */
  readonly caller?: string | undefined;
  /** The caller's stable id: the access token's `sub`, or `token:<name>`. */
  readonly callerId?: string | undefined;
  /** `oauth` or `token`: with `callerId`, unique per caller. */
  readonly credential?: CredentialKind | undefined;
  readonly profile?: string | undefined;
  readonly session?: string | undefined;
  readonly request?: string | number | undefined;
  /** Outcome lines: `ok`, `error` (Panther or the tool failed), or `refused` (nothing was sent). */
  readonly outcome?: 'ok' | 'error' | 'refused' | undefined;
  readonly code?: string | undefined;
  readonly error?: string | undefined;
  readonly durationMs?: number | undefined;
  /** How the person confirmed the write, when the policy asks them. */
  readonly confirmation?: string | undefined;
}

/**
 * Where audit records go. `write` resolves once the line is handed to the operating system (it survives the
 * process being killed) and rejects when it cannot be written; the host then refuses to send the write.
 */
export interface AuditSink {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Appends lines to a file with one `write(2)` each, synchronously: a record is in the kernel before the call
 * goes on, and a kill -9 cannot leave half a line. Audit lines are few (write calls only), so blocking is cheap.
 */
export function fileAuditSink(file: string): AuditSink {
  let fd: number;
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fd = openSync(file, 'a', 0o600);
  } catch (error) {
    throw new McpHostError(
      'CONFIG_INVALID',
      `Cannot open the audit log ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
  let open = true;
  return {
    async write(line) {
      if (!open) throw new Error('the audit log is closed');
      const buffer = Buffer.from(line, 'utf8');
      let offset = 0;
      while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
    },
    async close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}

/** Audit records as log lines at info, when no audit file is configured. */
export function loggerAuditSink(logger: Logger): AuditSink {
  return {
    async write(line) {
      logger.info('audit', { audit: JSON.parse(line) as unknown });
    },
    async close() {},
  };
}
