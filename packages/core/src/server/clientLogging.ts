import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  type LoggingLevel,
  LoggingLevelSchema,
  SetLevelRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../define/types.js';
import { type Bounds, boundedJson } from '../security/boundedJson.js';
import type { Redactor } from '../security/redact.js';

/** Sends one notification to the client that made a request. */
export type Notify = (notification: { method: string; params?: Record<string, unknown> }) => Promise<void>;

/** One session's MCP logging: the level the client chose, and loggers that copy a call's lines to the client. */
export interface SessionLogging {
  /** The session's level (`logging/setLevel`); `warning` until the client sets one. */
  level(): LoggingLevel;
  /**
   * A logger for one request: every line still goes to `base` (stderr or the log file); lines at or above the
   * session's level also go to the client as `notifications/message`, secrets replaced and values bounded.
   */
  forRequest(base: Logger, notify: Notify, source: string): Logger;
}

/** Until the client says otherwise it hears about warnings and errors only. */
export const DEFAULT_CLIENT_LOG_LEVEL: LoggingLevel = 'warning';

const SEVERITY = new Map(LoggingLevelSchema.options.map((level, index) => [level, index]));
const FROM_HOST = { debug: 'debug', info: 'info', warn: 'warning', error: 'error' } as const;
/** Small: a log notification is read by a person in a client's panel, not stored. */
const CLIENT_BOUNDS: Bounds = { maxDepth: 4, maxKeys: 32, maxItems: 20, maxString: 1_000 };

/** Errors become their name, code and message (never a stack trace); other values are bounded copies. */
function clientValue(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }) };
  }
  return boundedJson(value, CLIENT_BOUNDS);
}

/**
 * Declares the logging capability on a new server and answers `logging/setLevel` for its session. Each server is
 * one session (stdio, or one HTTP session), so the level lives here rather than in a table keyed by session.
 */
export function serveLogging(server: McpServer, redact: Redactor): SessionLogging {
  let level: LoggingLevel = DEFAULT_CLIENT_LOG_LEVEL;
  server.server.registerCapabilities({ logging: {} });
  server.server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    level = request.params.level;
    return {};
  });
  const wanted = (at: LoggingLevel) => (SEVERITY.get(at) ?? 0) >= (SEVERITY.get(level) ?? 0);

  const tee = (base: Logger, notify: Notify, source: string): Logger => {
    const send = (hostLevel: keyof typeof FROM_HOST, message: string, fields?: Record<string, unknown>) => {
      const at = FROM_HOST[hostLevel];
      if (!wanted(at)) return;
      const data: Record<string, unknown> = { message };
      for (const [key, value] of Object.entries(fields ?? {})) data[key] = clientValue(value);
      // A client that went away must not turn a log line into a failure.
      notify({
        method: 'notifications/message',
        params: { level: at, logger: source, data: redact.value(data) },
      }).catch(() => {});
    };
    return {
      debug: (m, f) => {
        base.debug(m, f);
        send('debug', m, f);
      },
      info: (m, f) => {
        base.info(m, f);
        send('info', m, f);
      },
      warn: (m, f) => {
        base.warn(m, f);
        send('warn', m, f);
      },
      error: (m, f) => {
        base.error(m, f);
        send('error', m, f);
      },
      child: (bindings) => tee(base.child(bindings), notify, source),
    };
  };
  return { level: () => level, forRequest: tee };
}
