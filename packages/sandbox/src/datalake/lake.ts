import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DuckSession } from '../store/duck.js';
import {
  createTableSql,
  DATABASES,
  LOG_TABLE_DEFS,
  LOOKUP_TABLE_DEFS,
  MONITOR_TABLE_DEFS,
  RESOURCE_TABLE_DEF,
  RULE_ERROR_COLUMNS,
  RULE_ERROR_TABLE_DEFS,
  RULE_MATCH_COLUMNS,
  RULE_MATCH_TABLE_DEFS,
  SIGNALS_TABLE_DEF,
  STANDARD_COLUMNS,
  type TableDef,
} from './tables.js';

/** Every table and view of the lake, as the catalog API lists them. */
export const ALL_TABLE_DEFS: TableDef[] = [
  ...LOG_TABLE_DEFS,
  ...RULE_MATCH_TABLE_DEFS,
  ...RULE_ERROR_TABLE_DEFS,
  SIGNALS_TABLE_DEF,
  RESOURCE_TABLE_DEF,
  ...LOOKUP_TABLE_DEFS,
  ...MONITOR_TABLE_DEFS,
  {
    database: 'panther_views',
    name: 'all_logs',
    description: 'All log tables, standard columns only',
    columns: STANDARD_COLUMNS,
  },
  {
    database: 'panther_views',
    name: 'all_rule_matches',
    description: 'All rule match tables, standard and alert columns',
    columns: [...STANDARD_COLUMNS, ...RULE_MATCH_COLUMNS],
  },
  {
    database: 'panther_views',
    name: 'all_rule_errors',
    description: 'All rule error tables, standard and alert columns',
    columns: [...STANDARD_COLUMNS, ...RULE_ERROR_COLUMNS],
  },
  {
    database: 'panther_views',
    name: 'all_cloudsecurity',
    description: 'All cloud security resource snapshots',
    columns: RESOURCE_TABLE_DEF.columns,
  },
];

/**
 * The data lake: one DuckDB instance with Panther's databases attached in memory, each with schema
 * `public`, so `panther_logs.public.aws_cloudtrail` resolves as it does in Snowflake. Platform objects live
 * in another instance, so lake SQL can never read tokens or change alerts.
 */
export class DataLake {
  private constructor(
    readonly instance: DuckDBInstance,
    /** For the sandbox's own reads (alert events, metrics, catalog). */
    readonly internal: DuckSession,
  ) {}

  static async create(): Promise<DataLake> {
    // Insertion order does not matter (reads sort), and dropping it lets inserts run in parallel.
    const instance = await DuckDBInstance.create(':memory:', {
      threads: '2',
      preserve_insertion_order: 'false',
    });
    const internal = new DuckSession(await instance.connect());
    await useUtc(internal);
    for (const db of DATABASES) {
      await internal.run(`ATTACH ':memory:' AS ${db.name} (COMPRESS); CREATE SCHEMA ${db.name}.public`);
    }
    for (const table of ALL_TABLE_DEFS) {
      if (table.database === 'panther_views') continue;
      await internal.run(createTableSql(table));
    }
    await internal.run(viewsSql());
    return new DataLake(instance, internal);
  }

  /**
   * After generation: no file access and no configuration changes from query SQL, since callers may be
   * driven by a model and the sandbox runs on a developer's machine.
   */
  async lockDown(): Promise<void> {
    // Compression of in-memory databases happens at checkpoints: compress everything generated.
    for (const db of DATABASES) await this.internal.run(`CHECKPOINT ${db.name}`);
    // Generation peaks far above what the compressed lake needs; give the rest back to the system
    // (a low flush threshold from now on, not during generation, where it would cost time).
    await this.internal.run(
      "SET allocator_flush_threshold = '64MB'; SET allocator_background_threads = true",
    );
    await this.internal.run('SELECT 1');
    await this.internal.run('SET enable_external_access = false');
    await this.internal.run('SET lock_configuration = true');
  }

  /** Rows per table (taken once after generation) for the bytes-scanned estimate. */
  private readonly tableRows = new Map<string, number>();

  async measureTables(): Promise<void> {
    const rows = await this.internal.rows<{ db: string; name: string; n: number }>(
      `SELECT database_name AS db, table_name AS name, estimated_size::INTEGER AS n FROM duckdb_tables()`,
    );
    for (const row of rows) {
      this.tableRows.set(`${row.db}.${row.name}`, row.n);
      this.tableRows.set(row.name, (this.tableRows.get(row.name) ?? 0) + row.n);
    }
  }

  /** A rough figure (rows of the tables the SQL reads × a typical row size), enough for stats. */
  estimateBytesScanned(connection: DuckDBConnection, sql: string): number {
    let names: readonly string[] = [];
    try {
      names = connection.getTableNames(sql, true);
    } catch {
      return 0;
    }
    let rows = 0;
    for (const name of names) {
      const parts = name.replace(/"/g, '').split('.');
      const table = parts[parts.length - 1] ?? '';
      const key = parts.length >= 2 ? `${parts[0]}.${table}` : table;
      if (table.startsWith('all_')) {
        for (const [k, n] of this.tableRows) if (k.startsWith('panther_logs.')) rows += n;
      } else rows += this.tableRows.get(key) ?? this.tableRows.get(table) ?? 0;
    }
    return rows * 700;
  }

  /** A fresh connection (one per data lake query, so that one can be interrupted alone). */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  close(): void {
    this.internal.close();
    this.instance.closeSync();
  }
}

/**
 * Without the ICU extension DuckDB is UTC-only already; with it, pin the zone so that CURRENT_TIMESTAMP
 * compares with the UTC event times whatever the host's zone.
 */
export async function useUtc(session: DuckSession): Promise<void> {
  try {
    await session.run("SET GLOBAL TimeZone = 'UTC'");
  } catch {
    // no ICU: nothing to pin
  }
}

function viewsSql(): string {
  const std = STANDARD_COLUMNS.map((c) => `"${c.name}"`).join(', ');
  const matchCols = [...STANDARD_COLUMNS, ...RULE_MATCH_COLUMNS].map((c) => `"${c.name}"`).join(', ');
  const errorCols = [...STANDARD_COLUMNS, ...RULE_ERROR_COLUMNS].map((c) => `"${c.name}"`).join(', ');
  const union = (tables: TableDef[], cols: string) =>
    tables.map((t) => `SELECT ${cols} FROM ${t.database}.public.${t.name}`).join(' UNION ALL ');
  return [
    `CREATE VIEW panther_views.public.all_logs AS ${union(LOG_TABLE_DEFS, std)}`,
    `CREATE VIEW panther_views.public.all_rule_matches AS ${union(RULE_MATCH_TABLE_DEFS, matchCols)}`,
    `CREATE VIEW panther_views.public.all_rule_errors AS ${union(RULE_ERROR_TABLE_DEFS, errorCols)}`,
    `CREATE VIEW panther_views.public.all_cloudsecurity AS SELECT * FROM panther_cloudsecurity.public.resource_history`,
  ].join('; ');
}
