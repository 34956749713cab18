import type { Logger } from '../define/types.js';
import type { LogSink } from './createLogger.js';

/** One write call, as the audit log records it. */
export interface AuditRecord {
  readonly time: string;
  readonly tool: string;
  readonly pack: string;
  readonly arguments: unknown;
  readonly outcome: 'ok' | 'error';
  readonly error?: string;
  readonly durationMs: number;
}

export interface AuditLog {
  record(entry: AuditRecord): void;
  close(): Promise<void>;
}

/** JSON lines to a sink (`logging.auditFile`), or to the log at info when there is no audit file. */
export function createAuditLog(options: {
  readonly sink?: LogSink | undefined;
  readonly logger: Logger;
  readonly redact: (text: string) => string;
}): AuditLog {
  const { sink, logger, redact } = options;
  return {
    record(entry) {
      if (sink) sink.write(`${redact(JSON.stringify(entry))}\n`);
      else logger.info('audit', { audit: entry });
    },
    close: async () => {
      await sink?.close();
    },
  };
}
