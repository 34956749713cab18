/**
 * Runs data lake queries for query_data_lake and get_alert_event_stats: submit, poll with backoff, report MCP
 * progress, cancel the Panther query when the MCP request is cancelled or the timeout passes, and read result
 * pages by query id (a next page never runs the SQL again) of the caller's own queries only (query-owner.ts).
 * Only the caller's input is a ToolInputError; a timeout, a cancellation or an unusable answer from Panther carries
 * its own host error code.
 */
import { isPantherApiError, McpHostError, sleep, type ToolContext, ToolInputError } from '@mcp-panther/core';
import { CANCEL_DATA_LAKE_QUERY, EXECUTE_DATA_LAKE_QUERY, GET_DATA_LAKE_QUERY } from '../queries.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { assertOwnQuery, recordQueryOwner } from './query-owner.js';
import { shapeRows } from './rows.js';

type Context = Pick<
  ToolContext<unknown>,
  'client' | 'logger' | 'signal' | 'progress' | 'ownership' | 'caller'
>;

type QueryStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

interface DataLakeQueryResults {
  readonly edges: readonly { readonly node: Record<string, unknown> }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
  readonly columnInfo: { readonly order: readonly string[]; readonly types: Record<string, unknown> };
  readonly stats: {
    readonly bytesScanned: number;
    readonly executionTime: number;
    readonly rowCount: number;
  };
}

interface DataLakeQueryResponse {
  readonly dataLakeQuery: {
    readonly id: string;
    readonly status: QueryStatus;
    readonly message?: string | null;
    readonly results?: DataLakeQueryResults | null;
  };
}

/**
 * One page of a finished query, in the shape the tools return: column names once and each row as an array of
 * values in column order; columns with one value in every row of the page are given once in `same_in_every_row`.
 */
export interface QueryPage {
  readonly query_id: string;
  readonly columns: string[];
  readonly rows: unknown[][];
  readonly same_in_every_row?: Record<string, unknown>;
  /** All rows the query produced (Panther's stats.rowCount), not just this page. */
  readonly total_rows: number;
  readonly next_cursor?: string;
  readonly note?: string;
  readonly stats: { bytes_scanned: number; execution_time_ms: number };
}

export interface WaitOptions {
  /** Seconds to wait for a running query. */
  readonly timeoutSeconds: number;
  readonly pageSize: number;
  /** Only these columns, in this order (all when absent). */
  readonly fields?: readonly string[] | undefined;
  /** Panther's cursor of the page to read (absent: the first page). */
  readonly cursor?: string | undefined;
  /** Rows before this page (carried in the next cursor). */
  readonly offset?: number;
  /** True when this call submitted the query: only then is it cancelled on abort or timeout. */
  readonly owned: boolean;
  /** Milliseconds to wait before the first status read. */
  readonly firstDelayMs?: number;
}

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2_000;
const CANCEL_TIMEOUT_MS = 10_000;

/** Submits SQL (already checked by the guard) and returns Panther's query id. */
export async function submitQuery(context: Context, sql: string, databaseName: string): Promise<string> {
  const data = await context.client.graphql<{ executeDataLakeQuery: { id: string } }>(
    EXECUTE_DATA_LAKE_QUERY,
    { input: { sql, databaseName } },
    { signal: context.signal, kind: 'mutation', tags: ['data-lake-queries'] },
  );
  const id = data.executeDataLakeQuery?.id;
  if (!id) throw new McpHostError('TOOL_FAILED', 'Panther accepted the query but returned no query id.');
  return id;
}

/** Cancels a running query; never throws (the query may have just finished). */
async function cancelQuery(context: Context, id: string): Promise<boolean> {
  try {
    await context.client.graphql(
      CANCEL_DATA_LAKE_QUERY,
      { input: { id } },
      { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS), kind: 'mutation', tags: ['data-lake-queries'] },
    );
    return true;
  } catch (error) {
    context.logger.warn('could not cancel data lake query', {
      queryId: id,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

async function readQuery(context: Context, id: string, pageSize: number, cursor: string | undefined) {
  const data = await context.client.graphql<DataLakeQueryResponse>(
    GET_DATA_LAKE_QUERY,
    { id, resultsInput: { pageSize, ...(cursor === undefined ? {} : { cursor }) } },
    { signal: context.signal, kind: 'query', cacheKind: 'none' },
  );
  return data.dataLakeQuery;
}

function toPage(
  id: string,
  results: DataLakeQueryResults | null | undefined,
  options: WaitOptions,
): QueryPage {
  const offset = options.offset ?? 0;
  const all = (results?.edges ?? []).map((edge) => edge.node);
  const records = all.slice(0, options.pageSize);
  const endCursor = results?.pageInfo.endCursor ?? undefined;
  const hasNext = results?.pageInfo.hasNextPage === true && endCursor !== undefined;
  const page: QueryPage = {
    query_id: id,
    ...shapeRows(records, results?.columnInfo.order ?? [], options.fields, id),
    total_rows: results?.stats.rowCount ?? records.length,
    ...(hasNext
      ? { next_cursor: encodeCursor({ queryId: id, cursor: endCursor, offset: offset + records.length }) }
      : {}),
    stats: {
      bytes_scanned: results?.stats.bytesScanned ?? 0,
      execution_time_ms: results?.stats.executionTime ?? 0,
    },
  };
  // No row range in the note: the host may cut the page further and resume it with its own next_cursor.
  return hasNext || all.length > records.length
    ? { ...page, note: 'More rows: call again with cursor=next_cursor (the query is not run again).' }
    : page;
}

/**
 * Waits for a query to finish and returns one page of its results. Sends MCP progress (elapsed seconds) while it
 * runs. On MCP cancellation or timeout, cancels the query in Panther when this call submitted it, and throws a
 * message that says so.
 */
export async function awaitResults(context: Context, id: string, options: WaitOptions): Promise<QueryPage> {
  const started = Date.now();
  const deadline = started + options.timeoutSeconds * 1_000;
  let delay = options.firstDelayMs ?? 0;
  let lastProgress = 0;
  try {
    for (;;) {
      if (delay > 0) await sleep(delay, context.signal);
      const query = await readQuery(context, id, options.pageSize, options.cursor);
      if (query.status === 'succeeded') return toPage(id, query.results, options);
      if (query.status === 'failed') {
        throw new ToolInputError(
          'sql',
          `Panther could not run query ${id}: ${query.message || 'no reason given'}`,
        );
      }
      if (query.status === 'cancelled') {
        throw new McpHostError(
          'TOOL_FAILED',
          `Query ${id} was cancelled in Panther (by someone else or an earlier timeout)${
            query.message ? `: ${query.message}` : ''
          }. Run the SQL again if you still need it.`,
        );
      }
      const now = Date.now();
      if (now >= deadline) {
        const seconds = options.timeoutSeconds;
        if (!options.owned) {
          throw new McpHostError(
            'TOOL_TIMEOUT',
            `Query ${id} is still running after ${seconds} s; call again with query_id to keep waiting.`,
          );
        }
        const cancelled = await cancelQuery(context, id);
        throw new McpHostError(
          'TOOL_TIMEOUT',
          `Query ${id} ran longer than the ${seconds} s timeout, so it was ${
            cancelled ? 'cancelled in Panther' : 'abandoned (cancelling it in Panther failed)'
          }. Narrow the time range or columns, or raise timeout (max 300).`,
        );
      }
      const elapsed = Math.floor((now - started) / 100) / 10;
      if (elapsed > lastProgress) {
        lastProgress = elapsed;
        await context.progress(elapsed, undefined, `Query ${id} running for ${Math.round(elapsed)} s`);
      }
      delay = Math.min(delay === 0 ? FIRST_POLL_MS : delay * 2, MAX_POLL_MS, Math.max(deadline - now, 1));
    }
  } catch (error) {
    if (!context.signal.aborted) {
      if (isPantherApiError(error) && error.code === 'NOT_FOUND' && !options.owned) {
        throw new ToolInputError('query_id', `Panther has no data lake query with id ${id}.`, {
          cause: error,
        });
      }
      throw error;
    }
    if (!options.owned) {
      throw new McpHostError(
        'CANCELLED',
        `The request was cancelled by the client; query ${id} was left running in Panther.`,
        { cause: error },
      );
    }
    const cancelled = await cancelQuery(context, id);
    throw new McpHostError(
      'CANCELLED',
      `The request was cancelled by the client, so query ${id} was ${
        cancelled ? 'cancelled in Panther' : 'abandoned (cancelling it in Panther failed)'
      }.`,
      { cause: error },
    );
  }
}

export interface RunOptions {
  readonly timeoutSeconds: number;
  readonly pageSize: number;
  readonly fields?: readonly string[] | undefined;
}

/** Submits SQL and waits for its first page. */
export async function runQuery(
  context: Context,
  sql: string,
  databaseName: string,
  options: RunOptions,
): Promise<QueryPage> {
  const id = await submitQuery(context, sql, databaseName);
  // Recorded before the id reaches the caller: the first progress message already names it.
  await recordQueryOwner(context, id);
  await context.progress(0, undefined, `Submitted query ${id}`);
  return awaitResults(context, id, { ...options, owned: true, firstDelayMs: FIRST_POLL_MS });
}

const START_OWN_QUERY = 'start your own with query_data_lake';

/** Which query, and where in its results, a call asks to read. */
export interface PageRequest {
  readonly queryId: string;
  /** Panther's cursor of the page (absent: the first page). */
  readonly cursor: string | undefined;
  /** Rows before the page. */
  readonly offset: number;
  /** The argument that named the query, for errors: `query_id`, or `cursor` when it came alone. */
  readonly argument: 'query_id' | 'cursor';
}

/**
 * The query and page a call names (query_id, a next_cursor, or Panther's own cursor together with query_id), once
 * the caller may read that query: every way of naming a query is checked against its owner (`startOwn` tells a
 * refused caller how to get its own). Never reads anything from Panther.
 */
export async function pageRequest(
  context: Context,
  args: { readonly queryId?: string | undefined; readonly cursor?: string | undefined },
  startOwn: string,
): Promise<PageRequest> {
  let queryId = args.queryId;
  let cursor: string | undefined;
  let offset = 0;
  if (args.cursor !== undefined) {
    const decoded = decodeCursor(args.cursor);
    if (decoded) {
      if (queryId !== undefined && queryId !== decoded.queryId) {
        throw new ToolInputError(
          'cursor',
          `belongs to query ${decoded.queryId}, not to query_id ${queryId}.`,
        );
      }
      queryId = decoded.queryId;
      cursor = decoded.cursor;
      offset = decoded.offset;
    } else if (queryId !== undefined) {
      cursor = args.cursor;
    } else {
      throw new ToolInputError(
        'cursor',
        'is not a next_cursor from query_data_lake; pass it together with query_id.',
      );
    }
  }
  if (queryId === undefined) throw new ToolInputError('query_id', 'is required to read results.');
  const argument = args.queryId === undefined ? 'cursor' : 'query_id';
  await assertOwnQuery(context, queryId, argument, startOwn);
  return { queryId, cursor, offset, argument };
}

/** Reads a page of an earlier query of the caller's, by id (and cursor); never submits SQL. */
export async function readPage(
  context: Context,
  args: {
    queryId?: string | undefined;
    cursor?: string | undefined;
    timeoutSeconds: number;
    pageSize: number;
    fields?: readonly string[] | undefined;
    /** What a caller refused another's query is told to do instead. */
    startOwn?: string | undefined;
  },
): Promise<QueryPage> {
  const request = await pageRequest(context, args, args.startOwn ?? START_OWN_QUERY);
  return readRequestedPage(context, request, args);
}

/** Waits for the query a checked request names and reads its page (it never cancels: another call submitted it). */
export function readRequestedPage(
  context: Context,
  request: PageRequest,
  options: { timeoutSeconds: number; pageSize: number; fields?: readonly string[] | undefined },
): Promise<QueryPage> {
  return awaitResults(context, request.queryId, {
    timeoutSeconds: options.timeoutSeconds,
    pageSize: options.pageSize,
    fields: options.fields,
    cursor: request.cursor,
    offset: request.offset,
    owned: false,
  });
}
