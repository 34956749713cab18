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
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const internal = new DuckSession(await instance.connect());
    await internal.run("SET TimeZone = 'UTC'");
    for (const db of DATABASES) {
      await internal.run(`ATTACH ':memory:' AS ${db.name}; CREATE SCHEMA ${db.name}.public`);
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
    await this.internal.run('SET enable_external_access = false');
    await this.internal.run('SET lock_configuration = true');
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
