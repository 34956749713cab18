/**
 * Data lake query executions: started at once, run in the background on their own DuckDB connection,
 * and kept with their results so that paging reads the stored rows and never re-runs the SQL.
 *
 * A query containing the comment `/* sandbox:sleep=<ms> *\/` waits that long (at most 2 minutes)
 * before it runs, which makes long-running queries for cancellation and progress tests.
 */
import { randomBytes } from 'node:crypto';
import { type DuckDBConnection, StatementType } from '@duckdb/node-api';
import type { SandboxLogger, SandboxStats } from '../types.js';
import type { DataLake } from './lake.js';
import { expandMacros } from './macros.js';
import { type JsonRows, toJsonRows } from './rows.js';
import { translateSnowflake } from './snowflake.js';
import { databaseOf, unknownDatabaseMessage } from './tables.js';

export type QueryStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface QueryResult extends JsonRows {
  executionTimeMs: number;
  bytesScanned: number;
  truncated: boolean;
}

export interface DataLakeQueryRecord {
  id: string;
  sql: string;
  databaseName: string;
  status: QueryStatus;
  message: string;
  startedAt: Date;
  completedAt: Date | null;
  /** Token id of the caller. */
  issuedBy: string;
  result: QueryResult | null;
}

export class QueryError extends Error {
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'BAD_USER_INPUT',
  ) {
    super(message);
  }
}

const MAX_STORED_ROWS = 100_000;
const MAX_RECORDS = 500;
const MAX_SLEEP_MS = 120_000;
const SLEEP = /\/\*\s*sandbox:sleep=(\d+)\s*\*\//i;

interface Execution {
  connection?: DuckDBConnection;
  wake?: () => void;
  done?: Promise<void>;
}

export class QueryRunner {
  private readonly records = new Map<string, DataLakeQueryRecord>();
  private readonly running = new Map<string, Execution>();

  constructor(
    private readonly lake: DataLake,
    private readonly stats: SandboxStats,
    private readonly logger: SandboxLogger,
  ) {}

  /** Starts a query and returns its record at once (status `running`). */
  execute(sql: string, databaseName: string | undefined, issuedBy: string): DataLakeQueryRecord {
    const record: DataLakeQueryRecord = {
      id: queryId(),
      sql,
      databaseName: databaseName ?? 'panther_logs',
      status: 'running',
      message: 'Query is running',
      startedAt: new Date(),
      completedAt: null,
      issuedBy,
      result: null,
    };
    this.records.set(record.id, record);
    this.prune();
    const execution: Execution = {};
    this.running.set(record.id, execution);
    execution.done = this.run(record, execution);
    return record;
  }

  get(id: string): DataLakeQueryRecord | undefined {
    return this.records.get(id);
  }

  /** Newest first. */
  list(): DataLakeQueryRecord[] {
    return [...this.records.values()].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }

  cancel(id: string): DataLakeQueryRecord {
    const record = this.records.get(id);
    if (record === undefined) throw new QueryError(`Query ${id} not found`, 'NOT_FOUND');
    if (record.status !== 'running') {
      throw new QueryError(
        `Query ${id} cannot be cancelled: it has already ${record.status}`,
        'BAD_USER_INPUT',
      );
    }
    this.finish(record, 'cancelled', 'Query was cancelled');
    this.stats.cancelledQueries++;
    const execution = this.running.get(id);
    execution?.wake?.();
    execution?.connection?.interrupt();
    return record;
  }

  /** Interrupts every running query and waits for them to end (on close). */
  async stopAll(): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const [id, execution] of this.running) {
      const record = this.records.get(id);
      if (record?.status === 'running') this.finish(record, 'cancelled', 'The sandbox is shutting down');
      execution.wake?.();
      execution.connection?.interrupt();
      if (execution.done !== undefined) pending.push(execution.done);
    }
    await Promise.all(pending);
  }

  private async run(record: DataLakeQueryRecord, execution: Execution): Promise<void> {
    try {
      const sql = translateSnowflake(expandMacros(record.sql, new Date()));
      const target = resolveDatabase(record.databaseName);
      const sleepMs = Math.min(Number(SLEEP.exec(record.sql)?.[1] ?? 0), MAX_SLEEP_MS);
      if (sleepMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, sleepMs);
          execution.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      if (record.status !== 'running') return;
      const connection = await this.lake.connect();
      execution.connection = connection;
      await connection.run(`USE ${target}`);
      const statements = await connection.extractStatements(sql);
      if (statements.count !== 1) throw new Error('Exactly one SQL statement is allowed per query');
      const statement = await statements.prepare(0);
      if (
        statement.statementType !== StatementType.SELECT &&
        statement.statementType !== StatementType.EXPLAIN
      ) {
        throw new Error('Only SELECT queries can run in the data lake');
      }
      if (record.status !== 'running') return;
      this.stats.dataLakeExecutions++;
      const started = performance.now();
      const reader = await statement.streamAndReadUntil(MAX_STORED_ROWS + 1);
      const rows = toJsonRows(reader);
      const truncated = rows.rows.length > MAX_STORED_ROWS;
      if (truncated) rows.rows.length = MAX_STORED_ROWS;
      const result: QueryResult = {
        ...rows,
        executionTimeMs: Math.round(performance.now() - started),
        bytesScanned: this.lake.estimateBytesScanned(connection, sql),
        truncated,
      };
      if (record.status !== 'running') return;
      record.result = result;
      this.finish(
        record,
        'succeeded',
        truncated ? `Query succeeded; only the first ${MAX_STORED_ROWS} rows are kept` : 'Query succeeded',
      );
    } catch (error) {
      if (record.status !== 'running') return;
      const message = error instanceof Error ? error.message : String(error);
      this.finish(record, 'failed', message);
      this.logger.debug('sandbox data lake query failed', { id: record.id, message });
    } finally {
      execution.connection?.closeSync();
      this.running.delete(record.id);
    }
  }

  private finish(record: DataLakeQueryRecord, status: QueryStatus, message: string): void {
    record.status = status;
    record.message = message;
    record.completedAt = new Date();
  }

  private prune(): void {
    if (this.records.size <= MAX_RECORDS) return;
    for (const record of this.list().reverse()) {
      if (this.records.size <= MAX_RECORDS) break;
      if (record.status !== 'running') this.records.delete(record.id);
    }
  }
}

/** `panther_logs`, `panther_logs.public` → `panther_logs.public`; anything else is refused. */
export function resolveDatabase(name: string): string {
  const db = databaseOf(name);
  if (db === undefined) throw new Error(unknownDatabaseMessage(name));
  return `${db}.public`;
}

/** Shaped like a Snowflake query id: 01be5f14-0206-3c48-000d-9eff005dd176. */
function queryId(): string {
  const h = randomBytes(16).toString('hex');
  return `01${h.slice(0, 6)}-${h.slice(6, 10)}-${h.slice(10, 14)}-0000-${h.slice(14, 26)}`;
}
