/**
 * One query tool from its config entry and its SQL: every check that can be made before a call is made here (the
 * template, its placeholders against the declared parameters, each parameter's declaration, the largest SQL a
 * call could produce, and the data lake guard on the SQL bound with sample values), so a broken entry is refused
 * when the tools are built, naming the entry. A call then binds its arguments, runs the guard again on the SQL it
 * will send, and answers with the data lake's compact table, paged by query id like query_data_lake.
 */
import {
  type AnyTool,
  defineTool,
  isPantherApiError,
  McpHostError,
  type ToolContext,
  ToolInputError,
} from '@mcp-panther/core';
import { z } from 'zod';
import { dataLakeCursor, dataLakeQueryId, maxRows } from '../params.js';
import { GET_DATA_LAKE_QUERY_SQL } from '../queries.js';
import { guardSql, SqlGuardError } from '../sql/guard.js';
import { decodeCursor } from '../support/cursor.js';
import { pageRequest, readRequestedPage, runQuery } from '../support/query-runner.js';
import { BindingError, bindTemplate } from './bind.js';
import {
  longestLiteral,
  type ParameterSpec,
  parameterInput,
  parameterLiteral,
  parameterProblems,
  RESERVED_PARAMETERS,
  sampleValue,
} from './parameters.js';
import { MAX_SQL_LENGTH, type QueryToolEntry } from './section.js';
import { parseTemplate, type Template, TemplateError } from './template.js';

/** A query tool entry that cannot become a tool: every problem found, for one message naming the entry. */
export class QueryToolError extends Error {
  override readonly name = 'QueryToolError';
  readonly tool: string;
  readonly problems: readonly string[];

  constructor(tool: string, problems: readonly string[]) {
    super(`query tool "${tool}": ${problems.join('; ')}`);
    this.tool = tool;
    this.problems = problems;
  }
}

/** Where a tool's SQL came from, for messages ("saved query \"Failed logins\""). */
export interface SqlSource {
  readonly sql: string;
  readonly from: string;
}

interface Compiled {
  readonly template: Template;
  readonly specs: ReadonlyMap<string, ParameterSpec>;
  readonly database: string;
}

function titleOf(name: string): string {
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Checks the entry against its SQL; returns every problem (empty when the tool can be built). */
function check(entry: QueryToolEntry, source: SqlSource): { problems: string[]; compiled?: Compiled } {
  const problems: string[] = [];
  const specs = new Map(Object.entries(entry.parameters));
  for (const [name, spec] of specs) {
    if (RESERVED_PARAMETERS.has(name)) {
      problems.push(
        `parameter "${name}" is reserved (${[...RESERVED_PARAMETERS].join(', ')} page the results)`,
      );
    }
    for (const problem of parameterProblems(spec)) problems.push(`parameter "${name}": ${problem}`);
  }
  let template: Template;
  try {
    template = parseTemplate(source.sql);
  } catch (error) {
    if (error instanceof TemplateError)
      return { problems: [...problems, `${source.from}: ${error.message}`] };
    throw error;
  }
  const used = new Set(template.placeholders.map((p) => p.name));
  for (const name of used) {
    if (!specs.has(name)) {
      const declared = specs.size > 0 ? [...specs.keys()].join(', ') : 'none';
      problems.push(
        `${source.from} uses {{${name}}}, which is not a declared parameter (declared: ${declared})`,
      );
    }
  }
  for (const name of specs.keys()) {
    if (!used.has(name))
      problems.push(`parameter "${name}" is declared but ${source.from} has no {{${name}}}`);
  }
  for (const placeholder of template.placeholders) {
    const spec = specs.get(placeholder.name);
    const enclosed =
      placeholder.before?.kind === 'punct' &&
      placeholder.before.value === '(' &&
      placeholder.after?.kind === 'punct' &&
      placeholder.after.value === ')';
    if (spec?.type === 'list' && !enclosed) {
      problems.push(
        `list parameter {{${placeholder.name}}} at position ${placeholder.position} must stand alone in parentheses, as in IN ({{${placeholder.name}}})`,
      );
    }
  }
  if (problems.length > 0) return { problems };

  // The largest SQL any call can produce must fit the bound query_data_lake has.
  let longest = source.sql.length;
  for (const placeholder of template.placeholders) {
    longest +=
      longestLiteral(specs.get(placeholder.name) as ParameterSpec) - `{{${placeholder.name}}}`.length;
  }
  if (longest > MAX_SQL_LENGTH) {
    problems.push(
      `with the longest values its parameters allow, the SQL could reach ${longest} characters; at most ${MAX_SQL_LENGTH} (lower maxLength or maxItems)`,
    );
  }
  const compiled: Compiled = { template, specs, database: entry.database };
  try {
    const samples = Object.fromEntries([...specs].map(([name, spec]) => [name, sampleValue(spec)]));
    guardSql(bindTemplate(template, literalsOf(compiled, samples)), { databaseName: entry.database });
  } catch (error) {
    if (!(error instanceof SqlGuardError || error instanceof BindingError)) throw error;
    problems.push(`${source.from} is not accepted by the data lake SQL guard: ${error.message}`);
  }
  return problems.length > 0 ? { problems } : { problems, compiled };
}

function literalsOf(compiled: Compiled, values: Readonly<Record<string, unknown>>): Map<string, string> {
  const literals = new Map<string, string>();
  for (const [name, spec] of compiled.specs) literals.set(name, parameterLiteral(spec, values[name]));
  return literals;
}

/** The SQL a call sends: its arguments bound, then the guard (which may rewrite, as for query_data_lake). */
function boundSql(compiled: Compiled, values: Readonly<Record<string, unknown>>): string {
  let sql: string;
  try {
    sql = bindTemplate(compiled.template, literalsOf(compiled, values));
  } catch (error) {
    // The schema has already refused anything a literal cannot hold; reaching this is a bug, not bad input.
    throw new McpHostError(
      'TOOL_FAILED',
      `The arguments could not be bound safely: ${(error as Error).message}.`,
      {
        cause: error,
      },
    );
  }
  if (sql.length > MAX_SQL_LENGTH) {
    throw new ToolInputError(
      undefined,
      `The bound SQL is ${sql.length} characters; at most ${MAX_SQL_LENGTH}.`,
    );
  }
  try {
    return guardSql(sql, { databaseName: compiled.database }).sql;
  } catch (error) {
    if (error instanceof SqlGuardError) {
      throw new McpHostError(
        'TOOL_FAILED',
        `The bound SQL was refused by the data lake guard: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

type Context = ToolContext<unknown>;

/** A page of an earlier run is read only when that run is this tool's query with these arguments. */
async function checkSameQuery(
  context: Context,
  queryId: string,
  sql: string,
  argument: string,
): Promise<void> {
  let recorded: string | undefined;
  try {
    const data = await context.client.graphql<{ dataLakeQuery: { sql?: string | null } }>(
      GET_DATA_LAKE_QUERY_SQL,
      { id: queryId },
      { signal: context.signal, kind: 'query', cacheKind: 'none' },
    );
    recorded = data.dataLakeQuery?.sql ?? undefined;
  } catch (error) {
    if (isPantherApiError(error) && error.code === 'NOT_FOUND') {
      throw new ToolInputError(argument, `Panther has no data lake query with id ${queryId}.`, {
        cause: error,
      });
    }
    throw error;
  }
  if (recorded !== sql) {
    throw new ToolInputError(
      argument,
      'belongs to another query: page with the next_cursor or query_id this tool returned, and the same arguments.',
    );
  }
}

/** The tool an entry describes, with its SQL; throws `QueryToolError` listing every problem. */
export function compileQueryTool(entry: QueryToolEntry, source: SqlSource): AnyTool {
  const { problems, compiled } = check(entry, source);
  if (!compiled) throw new QueryToolError(entry.name, problems);
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of compiled.specs) shape[name] = parameterInput(spec);
  const input = z.object({
    ...shape,
    max_rows: maxRows.describe('rows per page'),
    cursor: dataLakeCursor.optional().describe('next_cursor, with the same arguments'),
    query_id: dataLakeQueryId.optional().describe("an earlier run's results"),
  });
  return defineTool({
    name: entry.name,
    title: entry.title ?? titleOf(entry.name),
    description: entry.description,
    access: 'read',
    permissions: ['DataAnalyticsRead'],
    input,
    continuation: { cursor: 'cursor', pageSize: 'max_rows', resumeWith: ['query_id'] },
    async handler(args, context) {
      const { max_rows, cursor, query_id, ...values } = args as Record<string, unknown> & {
        max_rows: number;
        cursor?: string;
        query_id?: string;
      };
      const sql = boundSql(compiled, values);
      if (cursor === undefined && query_id === undefined) {
        return {
          ...(await runQuery(context, sql, compiled.database, {
            timeoutSeconds: entry.timeout,
            pageSize: max_rows,
          })),
        };
      }
      if (query_id === undefined && (cursor === undefined || decodeCursor(cursor) === undefined)) {
        throw new ToolInputError(
          'cursor',
          'is not a next_cursor of this tool; pass it with query_id, or leave it out.',
        );
      }
      // Whose query it is first: a caller refused it learns nothing of it, not even what SQL it ran.
      const request = await pageRequest(
        context,
        { queryId: query_id, cursor },
        `call ${entry.name} without query_id and cursor to run it yourself`,
      );
      await checkSameQuery(context, request.queryId, sql, request.argument);
      return {
        ...(await readRequestedPage(context, request, {
          timeoutSeconds: entry.timeout,
          pageSize: max_rows,
        })),
      };
    },
  });
}
