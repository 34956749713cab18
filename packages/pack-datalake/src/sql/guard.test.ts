import { describe, expect, it } from 'vitest';
import { type GuardRule, guardSql, SqlGuardError } from './guard.js';

const DB = { databaseName: 'panther_logs.public' };
const CT = 'panther_logs.public.aws_cloudtrail';
const SINCE = "p_occurs_since('1 d')";

function refusal(sql: string, databaseName = DB.databaseName): SqlGuardError {
  try {
    guardSql(sql, { databaseName });
  } catch (error) {
    if (error instanceof SqlGuardError) return error;
    throw error;
  }
  throw new Error(`expected a refusal for: ${sql}`);
}

/** Hostile or invalid SQL: [sql, rule, words the message must contain]. */
const REFUSED: [string, GuardRule, string][] = [
  ['DROP TABLE panther_logs.public.aws_cloudtrail', 'statement-type', 'DROP deletes objects (DDL)'],
  ['CREATE TABLE x AS SELECT 1', 'statement-type', 'CREATE creates objects (DDL)'],
  ['ALTER TABLE t ADD COLUMN c INT', 'statement-type', 'ALTER'],
  ['TRUNCATE TABLE t', 'statement-type', 'TRUNCATE deletes data'],
  ["INSERT INTO t VALUES ('a')", 'statement-type', 'INSERT changes data (DML)'],
  ["UPDATE t SET a = 'b'", 'statement-type', 'UPDATE changes data (DML)'],
  ['DELETE FROM panther_logs.public.aws_cloudtrail', 'statement-type', 'DELETE changes data (DML)'],
  ['MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE', 'statement-type', 'MERGE'],
  ['GRANT SELECT ON ALL TABLES IN SCHEMA public TO ROLE r', 'statement-type', 'GRANT changes privileges'],
  ['REVOKE SELECT ON t FROM ROLE r', 'statement-type', 'REVOKE'],
  ['CALL my_proc()', 'statement-type', 'CALL runs a stored procedure'],
  ['COPY INTO @stage FROM t', 'statement-type', 'COPY loads or unloads files'],
  ['PUT file:///tmp/x @stage', 'statement-type', 'PUT uploads files'],
  ["EXECUTE IMMEDIATE 'DROP TABLE t'", 'statement-type', 'EXECUTE'],
  ['USE DATABASE panther_logs', 'statement-type', 'USE changes the session'],
  [`SELECT 1; DROP TABLE t`, 'multiple-statements', 'second statement (DROP)'],
  [`SELECT 1 /* ; */ ; DROP TABLE t`, 'multiple-statements', 'second statement (DROP)'],
  [`SELECT ';' AS a; DELETE FROM t`, 'multiple-statements', 'DELETE'],
  [`SELECT 1;;`, 'multiple-statements', 'second statement'],
  [`SELECT 1; -- trailing\nSELECT 2`, 'multiple-statements', 'SELECT'],
  ["SELECT 'a\\'; DROP TABLE t; --'", 'syntax', "write '' instead"],
  ["SELECT 1 /* /* */ '*/; DROP TABLE t; --'", 'syntax', 'nested'],
  ['SELECT 1 // ; DROP TABLE t', 'syntax', 'use -- or /* */'],
  ["SELECT 'unterminated", 'syntax', 'unterminated string literal'],
  [
    'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d',
    'cte',
    'The CTE d runs DELETE, which changes data',
  ],
  ['SELECT * FROM t WHERE x IN (DELETE FROM t RETURNING x)', 'sub-statement', 'DELETE inside parentheses'],
  ['WITH d AS (SELECT 1) DELETE FROM t', 'statement-type', 'After the CTEs, DELETE changes data'],
  ['WITH d AS (SELECT 1) INSERT INTO t SELECT * FROM d', 'statement-type', 'INSERT'],
  ['WITH p AS PROCEDURE () RETURNS INT AS $$ x $$ CALL p()', 'cte', 'anonymous procedures'],
  ['WITH d AS (VALUES (1)) UPDATE t SET a = 1', 'statement-type', 'UPDATE'],
  ['SELECT * INTO new_table FROM t', 'select-into', 'INTO is not allowed'],
  ['EXPLAIN ANALYZE SELECT 1', 'explain', 'EXPLAIN ANALYZE runs the statement'],
  ['EXPLAIN DELETE FROM t', 'explain', 'DELETE, which changes data'],
  ['EXPLAIN (ANALYZE) DELETE FROM t', 'explain', 'options in parentheses'],
  ['SHOW TABLES ->> SELECT * FROM $1', 'flow-operator', '->>'],
  [
    'SELECT SYSTEM$CANCEL_ALL_QUERIES(CURRENT_SESSION())',
    'system-function',
    'SYSTEM$CANCEL_ALL_QUERIES is not allowed',
  ],
  ['SELECT (1', 'parentheses', 'never closed'],
  ['', 'empty', 'empty'],
  ['-- just a comment', 'empty', 'empty'],
  ['VALUES (1)', 'statement-type', 'VALUES is not a query'],
  [`SELECT * FROM ${CT}`, 'time-filter', `reads ${CT} without a time filter`],
  ['SELECT * FROM aws_cloudtrail LIMIT 10', 'time-filter', `reads ${CT}`],
  ['SELECT * FROM public.okta_systemlog', 'time-filter', 'panther_logs.public.okta_systemlog'],
  [
    'SELECT * FROM panther_rule_matches.aws_cloudtrail',
    'time-filter',
    'panther_rule_matches.public.aws_cloudtrail',
  ],
  ['SELECT * FROM "PANTHER_LOGS"."PUBLIC"."AWS_CLOUDTRAIL"', 'time-filter', CT],
  [`SELECT p_event_time > '2024-01-01' AS recent FROM ${CT}`, 'time-filter', 'without a time filter'],
  [`SELECT * FROM ${CT} WHERE p_row_id = 'a' OR 1 = 1`, 'time-filter', 'p_row_id'],
  [`SELECT * FROM ${CT} WHERE NOT p_row_id = 'a'`, 'time-filter', 'without a time filter'],
  [`SELECT * FROM ${CT} WHERE p_row_id <> 'a'`, 'time-filter', 'without a time filter'],
  [`SELECT * FROM IDENTIFIER('${CT}')`, 'time-filter', CT],
  ["SELECT * FROM TABLE('panther_logs.public.okta_systemlog')", 'time-filter', 'okta_systemlog'],
  ['SELECT * FROM panther_logs..aws_cloudtrail', 'time-filter', CT],
  ['SELECT * FROM aws_cloudtrail WHERE p_event_time IS NOT NULL', 'time-filter', 'without a time filter'],
];

/** Valid queries that the reference server refuses or breaks: [sql, database, time-filter reason]. */
const ACCEPTED: [string, string, string][] = [
  ['SELECT * FROM panther_lookups.public.ipinfo_location LIMIT 5', DB.databaseName, 'not_needed'],
  ['SELECT * FROM ipinfo_asn WHERE asn = 15169', 'panther_lookups.public', 'not_needed'],
  [`SELECT * FROM ${CT} WHERE p_row_id = 'abc123'`, DB.databaseName, 'id_lookup'],
  [
    "SELECT * FROM panther_rule_matches.public.aws_cloudtrail WHERE p_alert_id IN ('a1', 'b2') AND (x = 1 OR y = 2)",
    DB.databaseName,
    'id_lookup',
  ],
  [`SELECT eventName FROM ${CT} WHERE eventName = 'DELETE' AND ${SINCE}`, DB.databaseName, 'macro'],
  [
    'SELECT account, srcAddr, start, "end" FROM aws_vpcflow WHERE p_event_time >= DATEADD(hour, -4, CURRENT_TIMESTAMP())',
    DB.databaseName,
    'p_event_time',
  ],
  [
    `WITH recent AS (SELECT * FROM ${CT} WHERE ${SINCE}) SELECT eventName, COUNT(*) FROM recent GROUP BY 1`,
    DB.databaseName,
    'macro',
  ],
  ['SHOW TABLES IN DATABASE panther_logs', DB.databaseName, 'not_needed'],
  ['DESCRIBE TABLE panther_logs.public.aws_cloudtrail', DB.databaseName, 'not_needed'],
  ['DESC TABLE aws_cloudtrail', DB.databaseName, 'not_needed'],
  [`EXPLAIN USING TEXT SELECT * FROM ${CT}`, DB.databaseName, 'not_needed'],
  ["SELECT 'a;b' AS x, $$c;d$$ AS y;", DB.databaseName, 'not_needed'],
  ['SELECT table_name FROM panther_logs.information_schema.tables', DB.databaseName, 'not_needed'],
  [
    `SELECT EXTRACT(YEAR FROM p_event_time) AS y FROM ${CT} WHERE DATE_TRUNC('day', p_event_time) >= '2024-01-01'`,
    DB.databaseName,
    'p_event_time',
  ],
  [
    `SELECT * FROM ${CT} ct JOIN panther_lookups.public.ipinfo i ON i.ip = ct.sourceIPAddress AND ct.p_event_time BETWEEN '2024-01-01' AND '2024-01-02'`,
    DB.databaseName,
    'p_event_time',
  ],
  [`SELECT * FROM ${CT} WHERE '2024-01-01' <= p_event_time::date`, DB.databaseName, 'p_event_time'],
  [`SELECT * FROM ${CT} WHERE ${SINCE} /* ; DROP TABLE t */`, DB.databaseName, 'macro'],
  ['SELECT * FROM aws_cloudtrail WHERE "p_event_time" > \'2024-01-01\'', DB.databaseName, 'p_event_time'],
  ['SELECT 1 AS start_time, CURRENT_TIMESTAMP() AS now', DB.databaseName, 'not_needed'],
  ['SELECT SYSTEM$TYPEOF(payload) FROM panther_lookups.public.t', DB.databaseName, 'not_needed'],
];

describe('guardSql', () => {
  it.each(REFUSED)('refuses %s (%s)', (sql, rule, words) => {
    const error = refusal(sql);
    expect(error.rule).toBe(rule);
    expect(error.message).toContain(words);
  });

  it.each(ACCEPTED)('accepts %s', (sql, databaseName, reason) => {
    expect(guardSql(sql, { databaseName }).timeFilter).toBe(reason);
  });

  it('has at least 20 hostile strings and 10 valid ones', () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(20);
    expect(ACCEPTED.length).toBeGreaterThanOrEqual(10);
  });

  it('quotes reserved-word columns and keeps string values as they are', () => {
    const result = guardSql(
      "SELECT account, t.start, payload:account, eventName FROM aws_vpcflow t WHERE action = 'DELETE' AND account = 'ON' AND p_occurs_since('4 h') ORDER BY start",
      DB,
    );
    expect(result.sql).toBe(
      `SELECT "account", t."start", payload:account, eventName FROM aws_vpcflow t WHERE action = 'DELETE' AND "account" = 'ON' AND p_occurs_since('4 h') ORDER BY "start"`,
    );
    expect(result.quoted).toEqual(['"account"', '"start"', '"account"', '"start"']);
  });

  it('leaves START WITH, functions, casts and JSON paths alone', () => {
    const sql =
      'SELECT id FROM panther_lookups.public.tree START WITH parent IS NULL CONNECT BY parent = PRIOR id';
    expect(guardSql(sql, DB).sql).toBe(sql);
    const path = 'SELECT p:a[0].schema, trigger(x) FROM panther_lookups.public.t';
    expect(guardSql(path, DB).sql).toBe(path);
  });

  it('turns a string used as an alias into a quoted identifier, but not other strings', () => {
    const result = guardSql("SELECT 'DELETE' AS 'select', 'x' AS y FROM panther_lookups.public.t", DB);
    expect(result.sql).toBe(`SELECT 'DELETE' AS "select", 'x' AS y FROM panther_lookups.public.t`);
  });

  it('drops a trailing semicolon and reports the Panther tables read', () => {
    const result = guardSql(`SELECT 1 FROM aws_cloudtrail a, okta_systemlog o WHERE ${SINCE};  -- done`, DB);
    expect(result.sql).toBe(`SELECT 1 FROM aws_cloudtrail a, okta_systemlog o WHERE ${SINCE}  -- done`);
    expect(result.pantherTables).toEqual([CT, 'panther_logs.public.okta_systemlog']);
  });

  it('does not treat CTE names as tables', () => {
    const result = guardSql('WITH aws_cloudtrail AS (SELECT 1 AS a) SELECT * FROM aws_cloudtrail', DB);
    expect(result.pantherTables).toEqual([]);
  });

  it('finds Panther tables whatever database_name says', () => {
    for (const sql of [
      'SELECT * FROM panther_logs..aws_cloudtrail',
      `SELECT * FROM ${CT}`,
      `SELECT * FROM IDENTIFIER('${CT}')`,
      'SELECT * FROM panther_views.all_logs',
    ]) {
      expect(refusal(sql, 'panther_lookups.public').rule, sql).toBe('time-filter');
    }
  });

  it('resolves bare names through a non-Panther database without a time filter', () => {
    expect(guardSql('SELECT * FROM aws_cloudtrail', { databaseName: 'my_custom_db' }).timeFilter).toBe(
      'not_needed',
    );
  });
});

describe('guardSql: a name is judged as Snowflake resolves it, not as it is spelled', () => {
  it.each([
    'SELECT "SYSTEM$ABORT_SESSION"(1)',
    'SELECT "system$abort_session"(1)',
    'SELECT System$Abort_Session(1)',
    'SELECT "SYSTEM$CANCEL_ALL_QUERIES"(CURRENT_SESSION())',
    'SELECT snowflake."SYSTEM$ABORT_SESSION"(1)',
    "SELECT IDENTIFIER('SYSTEM$ABORT_SESSION')(1)",
    'SELECT IDENTIFIER(\'"SYSTEM$ABORT_SESSION"\')(1)',
    "SELECT IDENTIFIER('system\\u0024abort_session')(1)",
    "SELECT IDENTIFIER('\\x53YSTEM$ABORT_SESSION')(1)",
    "SELECT IDENTIFIER('\\123YSTEM$ABORT_SESSION')(1)",
    'SELECT IDENTIFIER($$SYSTEM$ABORT_SESSION$$)(1)',
    'SELECT /* c */ "SYSTEM$ABORT_SESSION" /* c */ (1)',
  ])('refuses the SYSTEM$ call in %s', (sql) => {
    const error = refusal(sql);
    expect(error.rule).toBe('system-function');
    expect(error.message).toMatch(/SYSTEM\$(ABORT_SESSION|CANCEL_ALL_QUERIES) .*is not allowed/);
  });

  it('names the spelling it refused', () => {
    expect(refusal('SELECT "system$abort_session"(1)').message).toContain(
      'SYSTEM$ABORT_SESSION (written "system$abort_session") is not allowed',
    );
  });

  it.each(['SELECT IDENTIFIER($f)(1)', 'SELECT IDENTIFIER(?)(1)'])(
    'refuses a function named by a variable or bind parameter: %s',
    (sql) => {
      expect(refusal(sql).message).toContain('IDENTIFIER(…) may only name a function with a string literal');
    },
  );

  it('still accepts the read-only SYSTEM$ functions, however they are spelled', () => {
    for (const sql of [
      'SELECT "SYSTEM$TYPEOF"(payload) FROM panther_lookups.public.t',
      "SELECT IDENTIFIER('system$typeof')(payload) FROM panther_lookups.public.t",
    ]) {
      expect(guardSql(sql, DB).timeFilter, sql).toBe('not_needed');
    }
  });

  it('lets a quoted CTE hide a table only under exactly its name', () => {
    // Snowflake keeps "aws_cloudtrail" lower case; the unquoted aws_cloudtrail resolves to AWS_CLOUDTRAIL.
    expect(refusal('WITH "aws_cloudtrail" AS (SELECT 1 AS a) SELECT * FROM aws_cloudtrail').rule).toBe(
      'time-filter',
    );
    expect(refusal('WITH x AS (SELECT 1 AS a) SELECT * FROM "x", aws_cloudtrail').rule).toBe('time-filter');
    for (const sql of [
      'WITH "AWS_CLOUDTRAIL" AS (SELECT 1 AS a) SELECT * FROM aws_cloudtrail',
      'WITH Aws_CloudTrail AS (SELECT 1 AS a) SELECT * FROM AWS_CLOUDTRAIL',
      "WITH recent AS (SELECT 1 AS a) SELECT * FROM IDENTIFIER('recent')",
    ]) {
      expect(guardSql(sql, DB).pantherTables, sql).toEqual([]);
    }
  });

  it('reads table names given as strings after their escapes and quotes', () => {
    for (const sql of [
      "SELECT * FROM IDENTIFIER('panther\\x5flogs.public.aws_cloudtrail')",
      'SELECT * FROM IDENTIFIER(\'"PANTHER_LOGS"."PUBLIC"."AWS_CLOUDTRAIL"\')',
      "SELECT * FROM TABLE('Panther_Logs.Public.AWS_CloudTrail')",
      "SELECT * FROM IDENTIFIER('panther_logs.public.aws\\u005fcloudtrail')",
    ]) {
      const error = refusal(sql);
      expect(error.rule, sql).toBe('time-filter');
      expect(error.message, sql).toContain(CT);
    }
  });
});
