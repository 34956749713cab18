/** Public types of the sandbox (re-exported from index.ts). */

export type SandboxTokenName = 'admin' | 'analyst' | 'responder' | 'detectionEngineer' | 'noAccess';

export const SANDBOX_TOKEN_NAMES: readonly SandboxTokenName[] = [
  'admin',
  'analyst',
  'responder',
  'detectionEngineer',
  'noAccess',
];

export type LogFields = Record<string, unknown>;

export interface SandboxLogger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface SandboxOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Only loopback is served. */
  host?: '127.0.0.1';
  /** Total generated log events across all log types (default 20,000). */
  events?: number;
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
  /**
   * Seed the adversarial corpus (default true): prompt-injection payloads where Panther carries
   * attacker-written text, beside the normal data (`adversarialCorpus(seed)` says where each one is).
   */
  adversarial?: boolean;
  /** When set, mutable state (alert status/assignee, comments, detection edits) is kept in this folder. */
  dataDir?: string;
  /** Fixed token values; the others are random per start. */
  tokens?: Partial<Record<SandboxTokenName, string>>;
  logger?: SandboxLogger;
}

export interface SandboxStats {
  /** SQL statements actually run by the data lake (paging results never re-runs them). */
  dataLakeExecutions: number;
  cancelledQueries: number;
  /** HTTP requests received. */
  requests: number;
  /** Keyed `GET /alerts/{id}` for REST and `graphql <rootField>` for GraphQL root fields. */
  requestsByRoute: Record<string, number>;
}

export interface Sandbox {
  /** REST base, e.g. http://127.0.0.1:PORT. */
  url: string;
  /** url + '/public/graphql'. */
  graphqlUrl: string;
  tokens: Record<SandboxTokenName, string>;
  stats: SandboxStats;
  close(): Promise<void>;
}
