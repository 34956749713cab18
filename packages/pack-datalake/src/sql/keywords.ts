/** Keyword tables used by the SQL guard. Kept apart so that each list can carry its reasons. */

/** Statement heads that query_data_lake runs. */
export const ALLOWED_STATEMENTS = ['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN'] as const;

/** Statement heads that are refused, with what they would do (used in the error message). */
export const REFUSED_STATEMENTS: Readonly<Record<string, string>> = {
  INSERT: 'changes data (DML)',
  UPDATE: 'changes data (DML)',
  DELETE: 'changes data (DML)',
  MERGE: 'changes data (DML)',
  UPSERT: 'changes data (DML)',
  REPLACE: 'changes data (DML)',
  TRUNCATE: 'deletes data',
  CREATE: 'creates objects (DDL)',
  ALTER: 'changes objects or the session (DDL)',
  DROP: 'deletes objects (DDL)',
  UNDROP: 'restores objects (DDL)',
  RENAME: 'renames objects (DDL)',
  COMMENT: 'changes object comments (DDL)',
  GRANT: 'changes privileges',
  REVOKE: 'changes privileges',
  CALL: 'runs a stored procedure',
  EXECUTE: 'runs a procedure, task or dynamic SQL',
  EXEC: 'runs a procedure or dynamic SQL',
  COPY: 'loads or unloads files',
  PUT: 'uploads files to a stage',
  GET: 'downloads files from a stage',
  REMOVE: 'deletes staged files',
  RM: 'deletes staged files',
  LIST: 'lists staged files',
  LS: 'lists staged files',
  USE: 'changes the session',
  SET: 'changes the session',
  UNSET: 'changes the session',
  BEGIN: 'controls transactions',
  START: 'controls transactions',
  COMMIT: 'controls transactions',
  ROLLBACK: 'controls transactions',
  ABORT: 'controls transactions',
  ATTACH: 'attaches a database',
  DETACH: 'detaches a database',
  INSTALL: 'installs an extension',
  LOAD: 'loads an extension',
  PRAGMA: 'changes engine settings',
  EXPORT: 'writes files',
  IMPORT: 'reads files into tables',
  VACUUM: 'rewrites storage',
  CHECKPOINT: 'rewrites storage',
  ANALYZE: 'changes statistics',
};

/**
 * Snowflake SYSTEM$ functions that only read. The others are refused: many act on the account (cancel queries,
 * abort sessions, set return values, change pipes or tasks).
 */
export const READ_ONLY_SYSTEM_FUNCTIONS = new Set([
  'SYSTEM$TYPEOF',
  'SYSTEM$CLUSTERING_INFORMATION',
  'SYSTEM$CLUSTERING_DEPTH',
  'SYSTEM$EXPLAIN_PLAN_JSON',
  'SYSTEM$EXPLAIN_JSON_TO_TEXT',
]);

/** Statement words that must never open a parenthesised sub-statement (a data-changing CTE or subquery). */
export const REFUSED_IN_PARENTHESES = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'UPSERT',
  'TRUNCATE',
  'CREATE',
  'ALTER',
  'DROP',
  'GRANT',
  'REVOKE',
  'CALL',
  'COPY',
  'PUT',
]);

/**
 * Panther's own databases: a query that reads one of their tables must carry a time filter (reference issue #44),
 * unless it is an id lookup (issue #105).
 */
export const PANTHER_DATABASES = new Set([
  'panther_logs',
  'panther_rule_matches',
  'panther_rule_errors',
  'panther_signals',
  'panther_cloudsecurity',
  'panther_views',
  'panther_monitor',
]);

/** Panther's time macros; a call in WHERE or ON counts as a time filter. */
export const TIME_MACROS = new Set([
  'P_OCCURS_SINCE',
  'P_OCCURS_BETWEEN',
  'P_OCCURS_AROUND',
  'P_OCCURS_AFTER',
  'P_OCCURS_BEFORE',
]);

/** Columns whose equality to string literals makes a query an id lookup (no time filter needed, issue #105). */
export const ID_COLUMNS = new Set(['p_row_id', 'p_alert_id']);

/** At most this many literals in `p_row_id IN (...)` still count as an id lookup. */
export const MAX_ID_LOOKUP_VALUES = 100;

/**
 * Unquoted column names that Snowflake refuses because it reserves them (issue #78: `account` in AWS.VPCFlow),
 * and that the guard therefore double-quotes. Kept small on purpose. Each is on Snowflake's reserved list, is a
 * plausible log field name, and is never SQL syntax inside a query (they are syntax only in SHOW/GRANT/DDL,
 * which are not rewritten). `START` is syntax in `CONNECT BY … START WITH`, so it is left alone before WITH.
 * Words that ARE query syntax (`ROWS`, `VALUES`, `CURRENT`, `TABLE`, `SAMPLE` …) cannot be told apart from
 * their keyword use on tokens alone and are not rewritten: quote those yourself.
 */
export const RESERVED_COLUMN_WORDS = new Set([
  'ACCOUNT',
  'CONNECTION',
  'DATABASE',
  'GSCLUSTER',
  'INCREMENT',
  'ISSUE',
  'ORGANIZATION',
  'SCHEMA',
  'START',
  'TRIGGER',
  'WHENEVER',
]);

/** Words after which `(` opens a subquery or a grouping, not a function's argument list. */
export const WORDS_BEFORE_SUBQUERY = new Set([
  'FROM',
  'JOIN',
  'IN',
  'EXISTS',
  'AS',
  'ANY',
  'ALL',
  'SOME',
  'LATERAL',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'ON',
  'SELECT',
  'DISTINCT',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'THEN',
  'ELSE',
  'WHEN',
  'CASE',
  'BY',
  'HAVING',
  'QUALIFY',
  'LIMIT',
  'OFFSET',
  'BETWEEN',
  'IS',
  'LIKE',
  'ILIKE',
  'EXPLAIN',
  'WITH',
]);

/** Clause keywords that end a FROM list or a WHERE clause at their depth. */
export const CLAUSE_KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'QUALIFY',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'WINDOW',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'CONNECT',
  'MATCH_RECOGNIZE',
  'PIVOT',
  'UNPIVOT',
]);
