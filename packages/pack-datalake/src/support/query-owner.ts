/**
 * Query ownership: on a server that tells callers apart (`server.auth`), a data lake query's id, and every cursor
 * into its results, serves only the caller that started it (policy.ownership may widen that to its profile). The
 * owner is recorded when the query is submitted and checked before anything of an earlier query is read, the same
 * refusal whether the id exists or not. With one caller (stdio) every id is usable, as before.
 */
import { type ToolContext, ToolInputError } from '@mcp-panther/core';

const KIND = 'data-lake-query';

/**
 * How long an owner is remembered: a day, as long as Panther keeps a query's results to page (Snowflake's result
 * cache). Past it the id is unrecorded, and refused like any other.
 */
export const QUERY_OWNER_TTL_MS = 24 * 60 * 60_000;

type Context = Pick<ToolContext<unknown>, 'ownership' | 'caller' | 'logger'>;

/** Records the calling caller as the owner of a query it just submitted. */
export async function recordQueryOwner(context: Context, queryId: string): Promise<void> {
  await context.ownership.claim(KIND, queryId, { ttlMs: QUERY_OWNER_TTL_MS });
}

/**
 * Throws unless the calling caller may read the query: `argument` is what named it (`query_id` or `cursor`), and
 * `startOwn` how to get a query of one's own.
 */
export async function assertOwnQuery(
  context: Context,
  queryId: string,
  argument: string,
  startOwn: string,
): Promise<void> {
  if (await context.ownership.mayUse(KIND, queryId)) return;
  context.logger.warn('refused a data lake query the caller did not start', {
    queryId,
    callerId: context.caller.id,
    credential: context.caller.credential,
  });
  throw new ToolInputError(argument, `query ${queryId} is not one of your queries; ${startOwn}.`);
}
