/**
 * The data lake SQL guard: decides on tokens, before anything is sent to Panther, whether query_data_lake may
 * run a statement, and rewrites the few things Snowflake would otherwise refuse.
 *
 * Rules (each refusal names the rule and what is allowed instead):
 * 1. Exactly one statement; one trailing semicolon is fine (and is dropped).
 * 2. Only SELECT, WITH … SELECT, SHOW, DESCRIBE/DESC and EXPLAIN [USING TEXT|JSON|TABULAR] of a query.
 *    EXPLAIN ANALYZE (it runs the statement), `->>` (Snowflake's flow operator chains statements),
 *    `SELECT … INTO`, a CTE whose body is not a query, any data-changing statement inside parentheses, and
 *    Snowflake SYSTEM$ functions other than a few read-only ones are refused, by the name Snowflake resolves
 *    (quoted, in any case, or named by an escaped string in IDENTIFIER()).
 * 3. Time filter: a query that reads a table of one of Panther's own databases (panther_logs, panther_rule_matches,
 *    …; bare and schema-qualified names are resolved through `databaseName`) needs, in a WHERE or JOIN … ON
 *    clause, a `p_event_time` comparison (`=`, `<`, `<=`, `>`, `>=` or BETWEEN, optionally qualified or cast) or a
 *    `p_occurs_*()` macro call. Exempt: information_schema, other databases (lookup tables, custom databases), and
 *    id lookups: a WHERE clause without OR at its own level that holds `p_row_id` or `p_alert_id` = 'literal'
 *    (or IN a list of up to 100 literals), not negated. The rule applies per statement, not per table.
 * 4. Rewrites (SELECT/WITH/EXPLAIN only): unquoted reserved-word column names from a short list (`account`,
 *    `start` …) become double-quoted identifiers, and a string literal used as an alias (`AS 'total'`) becomes a
 *    quoted identifier. String values (`'DELETE'`) are never touched.
 */
import {
  ALLOWED_STATEMENTS,
  CLAUSE_KEYWORDS,
  ID_COLUMNS,
  MAX_ID_LOOKUP_VALUES,
  PANTHER_DATABASES,
  READ_ONLY_SYSTEM_FUNCTIONS,
  REFUSED_IN_PARENTHESES,
  REFUSED_STATEMENTS,
  RESERVED_COLUMN_WORDS,
  TIME_MACROS,
  WORDS_BEFORE_SUBQUERY,
} from './keywords.js';
import { resolvedName, splitQualifiedName, stringValue } from './names.js';
import { isSignificant, SqlSyntaxError, type Token, tokenize } from './tokenize.js';

export type GuardRule =
  | 'syntax'
  | 'empty'
  | 'multiple-statements'
  | 'statement-type'
  | 'explain'
  | 'cte'
  | 'sub-statement'
  | 'select-into'
  | 'system-function'
  | 'flow-operator'
  | 'parentheses'
  | 'time-filter';

export class SqlGuardError extends Error {
  override readonly name = 'SqlGuardError';
  readonly rule: GuardRule;

  constructor(rule: GuardRule, message: string) {
    super(message);
    this.rule = rule;
  }
}

export interface GuardOptions {
  /** The database the query runs in (`panther_logs.public`): bare table names resolve against it. */
  readonly databaseName: string;
}

export type StatementKind = 'SELECT' | 'WITH' | 'SHOW' | 'DESCRIBE' | 'EXPLAIN';

export interface GuardResult {
  /** The SQL to send: trailing semicolon dropped, reserved-word columns quoted. */
  readonly sql: string;
  readonly statement: StatementKind;
  /** Fully qualified Panther tables the statement reads (lower case). */
  readonly pantherTables: readonly string[];
  /** Why the time-filter rule passed. */
  readonly timeFilter: 'p_event_time' | 'macro' | 'id_lookup' | 'not_needed';
  /** Identifiers the guard double-quoted. */
  readonly quoted: readonly string[];
}

const ALLOWED_LIST = 'SELECT, WITH … SELECT, SHOW, DESCRIBE or EXPLAIN <query>';
const COMPARISONS = new Set(['=', '<', '>', '<=', '>=']);

function isPunct(token: Token | undefined, value: string): boolean {
  return token !== undefined && token.kind === 'punct' && token.value === value;
}
function isOperator(token: Token | undefined, value: string): boolean {
  return token !== undefined && token.kind === 'operator' && token.value === value;
}
function isWord(token: Token | undefined, value?: string): boolean {
  return token !== undefined && token.kind === 'word' && (value === undefined || token.value === value);
}
function isName(token: Token | undefined): boolean {
  return token !== undefined && (token.kind === 'word' || token.kind === 'quoted');
}
/** The identifier a word or quoted token names, lower case. */
function nameOf(token: Token): string {
  return token.kind === 'quoted' ? token.value.toLowerCase() : token.text.toLowerCase();
}
function show(token: Token | undefined): string {
  if (token === undefined) return 'the end of the SQL';
  const text = token.text.length > 30 ? `${token.text.slice(0, 30)}…` : token.text;
  return token.kind === 'word' ? token.value : `'${text}'`;
}

/** For each '(' the index of its ')', and the reverse; throws on unbalanced parentheses. */
function matchParentheses(tokens: readonly Token[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  tokens.forEach((token, index) => {
    if (isPunct(token, '(')) open.push(index);
    else if (isPunct(token, ')')) {
      const start = open.pop();
      if (start === undefined) {
        throw new SqlGuardError(
          'parentheses',
          `Unbalanced parentheses: a ')' at position ${token.start} has no '('.`,
        );
      }
      pairs.set(start, index);
      pairs.set(index, start);
    }
  });
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    const token = tokens[unclosed] as Token;
    throw new SqlGuardError(
      'parentheses',
      `Unbalanced parentheses: the '(' at position ${token.start} is never closed.`,
    );
  }
  return pairs;
}

function refusedStatement(word: string, where: string): SqlGuardError {
  const reason = REFUSED_STATEMENTS[word];
  const what = reason ? `${word} ${reason}` : `${word} is not a query`;
  return new SqlGuardError(
    'statement-type',
    `${where}${what} and is not allowed. query_data_lake only runs read-only SQL: ${ALLOWED_LIST}.`,
  );
}

export function guardSql(sql: string, options: GuardOptions): GuardResult {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) {
      const head = error.tokens.find(isSignificant);
      if (head?.kind === 'word' && REFUSED_STATEMENTS[head.value]) throw refusedStatement(head.value, '');
      throw new SqlGuardError('syntax', `SQL not accepted at position ${error.position}: ${error.message}.`);
    }
    throw error;
  }
  const all = tokens.filter(isSignificant);
  if (all.length === 0) throw new SqlGuardError('empty', 'The SQL is empty (only whitespace or comments).');

  // Rule 1: one statement.
  const semicolon = all.findIndex((token) => isPunct(token, ';'));
  const stmt = semicolon < 0 ? all : all.slice(0, semicolon);
  if (semicolon >= 0) {
    const rest = all.slice(semicolon + 1);
    if (rest.length > 0) {
      const head = rest[0];
      const danger = head && isWord(head) && REFUSED_STATEMENTS[head.value] ? ` (${head.value})` : '';
      throw new SqlGuardError(
        'multiple-statements',
        `Only one statement is allowed, but a second statement${danger} starts after the ';' at position ${
          (all[semicolon] as Token).start
        }: ${show(head)}. Send one read-only statement per call; a single trailing ';' is fine.`,
      );
    }
    if (stmt.length === 0)
      throw new SqlGuardError('empty', 'The SQL holds no statement before the semicolon.');
  }

  const pairs = matchParentheses(stmt);

  // Rule 2: the statement type.
  let head = 0;
  while (isPunct(stmt[head], '(')) head++;
  const first = stmt[head];
  if (!isWord(first)) {
    throw new SqlGuardError(
      'statement-type',
      `The SQL must start with ${ALLOWED_LIST}; it starts with ${show(first)}.`,
    );
  }
  const firstWord = (first as Token).value;
  if (!(ALLOWED_STATEMENTS as readonly string[]).includes(firstWord)) throw refusedStatement(firstWord, '');
  if (head > 0 && firstWord !== 'SELECT' && firstWord !== 'WITH') {
    throw new SqlGuardError('statement-type', `${firstWord} cannot be wrapped in parentheses.`);
  }

  let statement: StatementKind;
  if (firstWord === 'SHOW') statement = 'SHOW';
  else if (firstWord === 'DESCRIBE' || firstWord === 'DESC') statement = 'DESCRIBE';
  else if (firstWord === 'EXPLAIN') {
    statement = 'EXPLAIN';
    checkExplain(stmt, head);
  } else statement = firstWord === 'WITH' ? 'WITH' : 'SELECT';

  const replacements = new Map<number, string>();
  if (semicolon >= 0) replacements.set((all[semicolon] as Token).start, '');

  if (statement === 'SHOW' || statement === 'DESCRIBE') {
    checkEverywhere(stmt);
    return {
      sql: rebuild(tokens, replacements).trim(),
      statement,
      pantherTables: [],
      timeFilter: 'not_needed',
      quoted: [],
    };
  }

  const cteNames = checkCtes(stmt, pairs);
  checkEverywhere(stmt);
  const analysis = analyse(stmt, pairs);

  // Rule 3: time filter on Panther's databases.
  const tableStarts = new Set<number>();
  const pantherTables: string[] = [];
  for (const ref of analysis.tables) {
    for (const part of ref.tokens) tableStarts.add(part.start);
    const resolved = resolveTable(ref.parts, options.databaseName, cteNames);
    if (resolved && !pantherTables.includes(resolved)) pantherTables.push(resolved);
  }
  let timeFilter: GuardResult['timeFilter'] = 'not_needed';
  // EXPLAIN reads no rows (and shows how well a filter prunes), so it needs no time filter.
  if (pantherTables.length > 0 && statement !== 'EXPLAIN') {
    if (analysis.eventTimeFilter) timeFilter = 'p_event_time';
    else if (analysis.macroFilter) timeFilter = 'macro';
    else if (analysis.idLookup) timeFilter = 'id_lookup';
    else {
      throw new SqlGuardError(
        'time-filter',
        `The query reads ${pantherTables.join(', ')} without a time filter. Add one in WHERE, e.g. ` +
          "p_occurs_since('1 d') or p_event_time >= DATEADD(day, -1, CURRENT_TIMESTAMP()). " +
          "Only lookups by p_row_id/p_alert_id = '<id>' may skip it.",
      );
    }
  }

  // Rule 4: rewrites.
  const quoted = quoteReservedWords(stmt, tableStarts, replacements);
  return { sql: rebuild(tokens, replacements).trim(), statement, pantherTables, timeFilter, quoted };
}

/** Checks that hold for every statement type. */
function checkEverywhere(stmt: readonly Token[]): void {
  stmt.forEach((token, index) => {
    if (isOperator(token, '->>')) {
      throw new SqlGuardError(
        'flow-operator',
        "The '->>' operator is not allowed: in Snowflake it chains statements. Use one statement (and col:key for JSON paths).",
      );
    }
    if (isPunct(token, '(')) {
      const inner = stmt[index + 1];
      if (isWord(inner) && REFUSED_IN_PARENTHESES.has((inner as Token).value)) {
        const word = (inner as Token).value;
        throw new SqlGuardError(
          'sub-statement',
          `A ${word} inside parentheses (a data-changing subquery or CTE) is not allowed; ${word} ${
            REFUSED_STATEMENTS[word] ?? 'is not a query'
          }. Only queries may appear in parentheses.`,
        );
      }
    }
    checkSystemFunction(stmt, index);
    if (isWord(token, 'INTO')) {
      throw new SqlGuardError(
        'select-into',
        'INTO is not allowed: SELECT … INTO writes a table or variables. query_data_lake only reads.',
      );
    }
  });
}

/**
 * SYSTEM$ functions are checked by the name Snowflake resolves, whatever the spelling: unquoted in any case,
 * double-quoted (`"SYSTEM$ABORT_SESSION"(1)`), or named by a string (`IDENTIFIER('system\u0024abort_session')`).
 * Quoted names are case-folded too, so no spelling of a refused function is let through.
 */
function checkSystemFunction(stmt: readonly Token[], index: number): void {
  const token = stmt[index] as Token;
  if (isName(token)) refuseSystemFunction(resolvedName(token), token.text);
  const namesByString = isWord(token, 'IDENTIFIER') || isWord(token, 'TABLE');
  if (!namesByString || !isPunct(stmt[index + 1], '(')) return;
  const argument = stmt[index + 2];
  if (argument?.kind === 'string' && isPunct(stmt[index + 3], ')')) {
    for (const spelling of new Set([argument.value, stringValue(argument)])) {
      for (const part of splitQualifiedName(spelling)) refuseSystemFunction(part, argument.text);
    }
  } else if (isWord(token, 'IDENTIFIER')) {
    // IDENTIFIER($name)(…) or IDENTIFIER(?)(…) calls a function whose name the guard cannot see.
    let close = index + 1;
    for (let depth = 0; close < stmt.length; close++) {
      if (isPunct(stmt[close], '(')) depth++;
      else if (isPunct(stmt[close], ')') && --depth === 0) break;
    }
    if (isPunct(stmt[close + 1], '(')) {
      throw new SqlGuardError(
        'system-function',
        "IDENTIFIER(…) may only name a function with a string literal (IDENTIFIER('my_function')(…)); a name held in a variable or a bind parameter is not allowed.",
      );
    }
  }
}

function refuseSystemFunction(name: string, spelled: string): void {
  const folded = name.toUpperCase();
  if (!folded.startsWith('SYSTEM$') || READ_ONLY_SYSTEM_FUNCTIONS.has(folded)) return;
  const written =
    spelled.toUpperCase() === folded
      ? ''
      : ` (written ${spelled.length > 60 ? `${spelled.slice(0, 60)}…` : spelled})`;
  throw new SqlGuardError(
    'system-function',
    `${folded}${written} is not allowed: Snowflake SYSTEM$ functions can act on the account. Only ${[
      ...READ_ONLY_SYSTEM_FUNCTIONS,
    ].join(', ')} may be used.`,
  );
}

function checkExplain(stmt: readonly Token[], head: number): void {
  let i = head + 1;
  const next = stmt[i];
  if (isWord(next, 'ANALYZE') || isWord(next, 'ANALYSE')) {
    throw new SqlGuardError(
      'explain',
      'EXPLAIN ANALYZE runs the statement and is not allowed; use plain EXPLAIN <query>.',
    );
  }
  if (isPunct(next, '(')) {
    throw new SqlGuardError(
      'explain',
      'EXPLAIN options in parentheses are not allowed; use EXPLAIN [USING TEXT|JSON|TABULAR] <query>.',
    );
  }
  if (isWord(next, 'USING')) i += 2;
  while (isPunct(stmt[i], '(')) i++;
  const target = stmt[i];
  if (!isWord(target, 'SELECT') && !isWord(target, 'WITH')) {
    const word = isWord(target) ? (target as Token).value : show(target);
    throw new SqlGuardError(
      'explain',
      `EXPLAIN may only explain a query (SELECT or WITH … SELECT); here it explains ${word}${
        REFUSED_STATEMENTS[word] ? `, which ${REFUSED_STATEMENTS[word]}` : ''
      }.`,
    );
  }
}

/**
 * Checks every WITH clause (at the start of the statement or of a parenthesised subquery): each CTE body must be
 * a query and the statement after the CTEs must be a SELECT. Returns the CTE names as Snowflake resolves them.
 */
function checkCtes(stmt: readonly Token[], pairs: ReadonlyMap<number, number>): Set<string> {
  const names = new Set<string>();
  stmt.forEach((token, index) => {
    if (!isWord(token, 'WITH')) return;
    const before = stmt[index - 1];
    const opensStatement =
      before === undefined ||
      isPunct(before, '(') ||
      isWord(before, 'EXPLAIN') ||
      isWord(before, 'TEXT') ||
      isWord(before, 'JSON') ||
      isWord(before, 'TABULAR');
    if (!opensStatement) return;
    let i = index + 1;
    if (isWord(stmt[i], 'RECURSIVE')) i++;
    for (;;) {
      const nameToken = stmt[i];
      if (!isName(nameToken)) {
        throw new SqlGuardError('cte', `WITH must be followed by a CTE name; found ${show(nameToken)}.`);
      }
      const name = nameOf(nameToken as Token);
      names.add(resolvedName(nameToken as Token));
      i++;
      if (isPunct(stmt[i], '(')) i = (pairs.get(i) as number) + 1;
      if (!isWord(stmt[i], 'AS')) {
        throw new SqlGuardError('cte', `Expected AS after the CTE name ${name}; found ${show(stmt[i])}.`);
      }
      i++;
      if (isWord(stmt[i], 'NOT') && isWord(stmt[i + 1], 'MATERIALIZED')) i += 2;
      else if (isWord(stmt[i], 'MATERIALIZED')) i++;
      if (!isPunct(stmt[i], '(')) {
        throw new SqlGuardError(
          'cte',
          `The CTE ${name} must be a query in parentheses; found ${show(stmt[i])} (anonymous procedures are not allowed).`,
        );
      }
      const close = pairs.get(i) as number;
      let body = i + 1;
      while (isPunct(stmt[body], '(')) body++;
      const bodyHead = stmt[body];
      if (!isWord(bodyHead, 'SELECT') && !isWord(bodyHead, 'WITH') && !isWord(bodyHead, 'VALUES')) {
        const word = isWord(bodyHead) ? (bodyHead as Token).value : show(bodyHead);
        throw new SqlGuardError(
          'cte',
          `The CTE ${name} runs ${word}${
            REFUSED_STATEMENTS[word] ? `, which ${REFUSED_STATEMENTS[word]}` : ''
          }; a CTE body must be a SELECT.`,
        );
      }
      i = close + 1;
      if (isPunct(stmt[i], ',')) {
        i++;
        continue;
      }
      break;
    }
    while (isPunct(stmt[i], '(')) i++;
    const main = stmt[i];
    if (!isWord(main, 'SELECT') && !isWord(main, 'VALUES')) {
      const word = isWord(main) ? (main as Token).value : show(main);
      if (REFUSED_STATEMENTS[word]) throw refusedStatement(word, 'After the CTEs, ');
      throw new SqlGuardError('cte', `After the CTEs only a SELECT may follow; found ${word}.`);
    }
  });
  return names;
}

interface TableRef {
  /** The name's parts as Snowflake resolves them (upper case unless quoted). */
  readonly parts: readonly string[];
  readonly tokens: readonly Token[];
}

interface Analysis {
  readonly tables: TableRef[];
  eventTimeFilter: boolean;
  macroFilter: boolean;
  idLookup: boolean;
}

interface Frame {
  /** A SELECT appeared at this depth: the frame is a query block. */
  selectSeen: boolean;
  /** The parenthesis is a function's argument list (EXTRACT(x FROM y) is not a table read). */
  readonly isCall: boolean;
  /** Index of the frame's '(' (-1 for the statement itself). */
  readonly open: number;
  clause: string | null;
  /** The clause was inherited from the enclosing depth (a parenthesised expression inside it). */
  inherited: boolean;
  fromList: boolean;
  expectTable: boolean;
  whereHasOr: boolean;
  whereHasIdLookup: boolean;
}

function newFrame(parent: Frame | undefined, isCall: boolean, open: number): Frame {
  return {
    selectSeen: false,
    isCall,
    open,
    clause: parent?.clause ?? null,
    inherited: parent !== undefined,
    fromList: false,
    expectTable: false,
    whereHasOr: false,
    whereHasIdLookup: false,
  };
}

/** Walks the statement once: table references, time filters and id lookups. */
function analyse(stmt: readonly Token[], pairs: ReadonlyMap<number, number>): Analysis {
  const result: Analysis = { tables: [], eventTimeFilter: false, macroFilter: false, idLookup: false };
  const stack: Frame[] = [newFrame(undefined, false, -1)];
  const top = (): Frame => stack[stack.length - 1] as Frame;

  const endWhere = (frame: Frame): void => {
    if (frame.clause === 'WHERE' && !frame.inherited && frame.whereHasIdLookup && !frame.whereHasOr) {
      result.idLookup = true;
    }
    frame.whereHasOr = false;
    frame.whereHasIdLookup = false;
  };
  const setClause = (frame: Frame, clause: string): void => {
    endWhere(frame);
    frame.clause = clause;
    frame.inherited = false;
  };

  for (let i = 0; i < stmt.length; i++) {
    const token = stmt[i] as Token;
    const frame = top();

    if (isPunct(token, '(')) {
      const before = stmt[i - 1];
      const isCall =
        before !== undefined &&
        (before.kind === 'quoted' ||
          isPunct(before, ')') ||
          (before.kind === 'word' && !WORDS_BEFORE_SUBQUERY.has(before.value)));
      frame.expectTable = false;
      stack.push(newFrame(frame, isCall, i));
      continue;
    }
    if (isPunct(token, ')')) {
      endWhere(frame);
      if (stack.length > 1) stack.pop();
      continue;
    }
    if (isPunct(token, ',')) {
      if (frame.fromList) frame.expectTable = true;
      continue;
    }

    if (frame.expectTable) {
      if (isWord(token, 'LATERAL')) continue;
      frame.expectTable = false;
      if (isName(token)) {
        const parts: Token[] = [token];
        const names = [resolvedName(token)];
        let j = i;
        for (;;) {
          if (isPunct(stmt[j + 1], '.') && isName(stmt[j + 2])) {
            parts.push(stmt[j + 2] as Token);
            names.push(resolvedName(stmt[j + 2] as Token));
            j += 2;
          } else if (isPunct(stmt[j + 1], '.') && isPunct(stmt[j + 2], '.') && isName(stmt[j + 3])) {
            // Snowflake's db..table: the PUBLIC schema.
            parts.push(stmt[j + 3] as Token);
            names.push('PUBLIC', resolvedName(stmt[j + 3] as Token));
            j += 3;
          } else break;
        }
        if (!isPunct(stmt[j + 1], '(')) {
          result.tables.push({ parts: names, tokens: parts });
        } else if (parts.length === 1 && (isWord(token, 'IDENTIFIER') || isWord(token, 'TABLE'))) {
          // Snowflake resolves IDENTIFIER('db.schema.t') and TABLE('db.schema.t') to a table.
          const argument = stmt[j + 2];
          if (argument?.kind === 'string' && isPunct(stmt[j + 3], ')')) {
            result.tables.push({ parts: splitQualifiedName(stringValue(argument)), tokens: [] });
          } else if (isWord(token, 'IDENTIFIER')) {
            throw new SqlGuardError(
              'syntax',
              "IDENTIFIER() in FROM must name the table with a string literal, e.g. IDENTIFIER('panther_logs.public.aws_cloudtrail').",
            );
          }
        }
        i = j;
        continue;
      }
    }

    if (token.kind === 'word') {
      const word = token.value;
      if (word === 'SELECT') {
        setClause(frame, 'SELECT');
        frame.selectSeen = true;
        frame.fromList = false;
        continue;
      }
      if (word === 'FROM') {
        // FROM inside a function's arguments (EXTRACT(YEAR FROM ts), TRIM(x FROM y)) reads no table.
        if (frame.selectSeen || !frame.isCall) {
          setClause(frame, 'FROM');
          frame.fromList = true;
          frame.expectTable = true;
        }
        continue;
      }
      if (word === 'JOIN' && (frame.selectSeen || !frame.isCall)) {
        setClause(frame, 'JOIN');
        frame.fromList = true;
        frame.expectTable = true;
        continue;
      }
      if (word === 'ON' && frame.fromList) {
        setClause(frame, 'ON');
        continue;
      }
      if (word === 'WHERE') {
        setClause(frame, 'WHERE');
        frame.fromList = false;
        continue;
      }
      if (CLAUSE_KEYWORDS.has(word)) {
        setClause(frame, word);
        frame.fromList = false;
        continue;
      }
      if (word === 'OR' && frame.clause === 'WHERE' && !frame.inherited) {
        frame.whereHasOr = true;
        continue;
      }
      if (TIME_MACROS.has(word) && isPunct(stmt[i + 1], '(') && inFilter(frame)) {
        result.macroFilter = true;
        continue;
      }
    }

    if (isName(token)) {
      const column = nameOf(token);
      if (column === 'p_event_time' && inFilter(frame) && isTimeComparison(stmt, i, frame, pairs)) {
        result.eventTimeFilter = true;
      } else if (
        ID_COLUMNS.has(column) &&
        frame.clause === 'WHERE' &&
        !frame.inherited &&
        isIdLookup(stmt, i, pairs)
      ) {
        frame.whereHasIdLookup = true;
      }
    }
  }
  for (const frame of stack) endWhere(frame);
  return result;
}

function inFilter(frame: Frame): boolean {
  return frame.clause === 'WHERE' || frame.clause === 'ON';
}

/** Index of the first token of a possibly qualified column ending at `index` (`t.p_event_time`). */
function qualifiedStart(stmt: readonly Token[], index: number): number {
  let start = index;
  while (isPunct(stmt[start - 1], '.') && isName(stmt[start - 2])) start -= 2;
  return start;
}

/** Index of the last token of a column, past any `::type` or `::type(n)` casts. */
function castEnd(stmt: readonly Token[], index: number, pairs: ReadonlyMap<number, number>): number {
  let end = index;
  while (isOperator(stmt[end + 1], '::') && isWord(stmt[end + 2])) {
    end += 2;
    if (isPunct(stmt[end + 1], '(')) end = pairs.get(end + 1) as number;
  }
  return end;
}

/** A comparison operator or BETWEEN on either side of the tokens first..last. */
function isCompared(stmt: readonly Token[], first: number, last: number): boolean {
  const before = stmt[first - 1];
  const after = stmt[last + 1];
  if (after && after.kind === 'operator' && COMPARISONS.has(after.value)) return true;
  if (isWord(after, 'BETWEEN')) return true;
  return before !== undefined && before.kind === 'operator' && COMPARISONS.has(before.value);
}

/**
 * `p_event_time >= x`, `x < t.p_event_time`, `p_event_time::date = x`, `p_event_time BETWEEN a AND b`, and one
 * function around the column: `TO_DATE(p_event_time) = x`, `DATE_TRUNC('day', p_event_time) >= x`.
 */
function isTimeComparison(
  stmt: readonly Token[],
  index: number,
  frame: Frame,
  pairs: ReadonlyMap<number, number>,
): boolean {
  if (isCompared(stmt, qualifiedStart(stmt, index), castEnd(stmt, index, pairs))) return true;
  if (!frame.isCall || frame.open < 1) return false;
  const close = pairs.get(frame.open) as number;
  return isCompared(stmt, frame.open - 1, castEnd(stmt, close, pairs));
}

/** `p_row_id = 'x'`, `'x' = p_alert_id`, `p_alert_id IN ('a', 'b')`, not negated, not part of a larger expression. */
function isIdLookup(stmt: readonly Token[], index: number, pairs: ReadonlyMap<number, number>): boolean {
  const start = qualifiedStart(stmt, index);
  const before = stmt[start - 1];
  const after = stmt[index + 1];
  const ends = (token: Token | undefined): boolean =>
    token === undefined || isPunct(token, ')') || (token.kind === 'word' && !isWord(token, 'COLLATE'));
  if (isWord(before, 'NOT')) return false;
  if (isOperator(after, '=') && stmt[index + 2]?.kind === 'string') return ends(stmt[index + 3]);
  if (isOperator(before, '=') && stmt[start - 2]?.kind === 'string') {
    const prior = stmt[start - 3];
    return (prior === undefined || isWord(prior)) && ends(after);
  }
  if (isWord(after, 'IN') && isPunct(stmt[index + 2], '(')) {
    const close = pairs.get(index + 2) as number;
    const inner = stmt.slice(index + 3, close);
    if (inner.length === 0) return false;
    const values = inner.filter((_, position) => position % 2 === 0);
    const commas = inner.filter((_, position) => position % 2 === 1);
    return (
      values.length <= MAX_ID_LOOKUP_VALUES &&
      values.every((token) => token.kind === 'string') &&
      commas.every((token) => isPunct(token, ',')) &&
      inner.length % 2 === 1 &&
      ends(stmt[close + 1])
    );
  }
  return false;
}

/**
 * The database a table reference reads, when it is one of Panther's (else undefined).
 * `t` and `schema.t` resolve in `databaseName`; `db.t` counts as Panther's when db is one of its databases
 * (Snowflake would read it as a schema, but that is what the author meant); `db.schema.t` reads db.
 */
function resolveTable(
  resolvedParts: readonly string[],
  databaseName: string,
  cteNames: ReadonlySet<string>,
): string | undefined {
  // A CTE hides a table only under exactly its resolved name ("aws_cloudtrail" does not hide aws_cloudtrail);
  // databases are compared case-folded, so every spelling of a Panther database counts as Panther's.
  if (resolvedParts.length === 1 && cteNames.has(resolvedParts[0] as string)) return undefined;
  const parts = resolvedParts.map((part) => part.toLowerCase());
  const [defaultDb = '', defaultSchema = 'public'] = databaseName.toLowerCase().split('.');
  let db: string;
  let schema: string;
  let table: string;
  if (parts.length === 1) {
    table = parts[0] as string;
    db = defaultDb;
    schema = defaultSchema;
  } else if (parts.length === 2) {
    const [first, second] = parts as [string, string];
    table = second;
    if (PANTHER_DATABASES.has(first)) {
      db = first;
      schema = 'public';
    } else {
      db = defaultDb;
      schema = first;
    }
  } else {
    [db, schema] = parts as [string, string];
    table = parts[parts.length - 1] as string;
  }
  if (schema === 'information_schema' || !PANTHER_DATABASES.has(db)) return undefined;
  return `${db}.${schema}.${table}`;
}

/** True when the name at `index` is an element of a semi-structured path (`col:account`, `col:a[0].start`). */
function isPathElement(stmt: readonly Token[], index: number): boolean {
  let j = index - 1;
  for (;;) {
    if (isOperator(stmt[j], ':')) return true;
    if (!isPunct(stmt[j], '.')) return false;
    j--;
    let subscripted = false;
    while (isPunct(stmt[j], ']')) {
      let depth = 0;
      for (; j >= 0; j--) {
        if (isPunct(stmt[j], ']')) depth++;
        else if (isPunct(stmt[j], '[') && --depth === 0) break;
      }
      j--;
      subscripted = true;
    }
    if (isName(stmt[j])) j--;
    else if (!subscripted) return false;
  }
}

function quoteReservedWords(
  stmt: readonly Token[],
  tableStarts: ReadonlySet<number>,
  replacements: Map<number, string>,
): string[] {
  const quoted: string[] = [];
  stmt.forEach((token, index) => {
    if (token.kind === 'string' && isWord(stmt[index - 1], 'AS') && token.text.startsWith("'")) {
      const next = stmt[index + 1];
      const aliasPosition =
        next === undefined || isPunct(next, ',') || isPunct(next, ')') || isWord(next, 'FROM');
      if (aliasPosition && token.value.length > 0) {
        const identifier = `"${token.value.replaceAll('"', '""')}"`;
        replacements.set(token.start, identifier);
        quoted.push(identifier);
      }
      return;
    }
    if (token.kind !== 'word' || !RESERVED_COLUMN_WORDS.has(token.value)) return;
    if (tableStarts.has(token.start)) return;
    const next = stmt[index + 1];
    if (isPunct(next, '(')) return;
    if (token.value === 'START' && isWord(next, 'WITH')) return;
    if (isOperator(stmt[index - 1], '::') || isPathElement(stmt, index)) return;
    const identifier = `"${token.text.toLowerCase()}"`;
    replacements.set(token.start, identifier);
    quoted.push(identifier);
  });
  return quoted;
}

function rebuild(tokens: readonly Token[], replacements: ReadonlyMap<number, string>): string {
  let out = '';
  for (const token of tokens) out += replacements.get(token.start) ?? token.text;
  return out;
}
