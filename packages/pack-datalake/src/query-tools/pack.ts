/**
 * The `queries` pack: the query tools of the `queryTools` config section, built by a factory rather than written
 * as code. Saved queries are read from Panther when the pack is built (at start-up, and again on every reload),
 * so a query saved with save_query becomes a tool at the next reload. Every entry is checked before any tool is
 * made; one error lists every broken entry by name.
 */
import {
  type AnyTool,
  definePack,
  encodePath,
  isPantherApiError,
  McpHostError,
  type PackDefinition,
  type PantherClient,
  type RestPage,
} from '@mcp-panther/core';
import { compileQueryTool, QueryToolError, type SqlSource } from './compile.js';
import type { QueryToolEntry, QueryToolsConfig } from './section.js';

export const QUERIES_PACK_ID = 'queries';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Saved queries are listed at most this many pages (of 1,000) when one is named by name. */
const MAX_LIST_PAGES = 50;

/** Every broken query tool entry, each named with its problems (a config error: the entries are the config's). */
export class QueryToolsError extends McpHostError {
  override readonly name = 'QueryToolsError';
  readonly failures: readonly QueryToolError[];

  constructor(failures: readonly QueryToolError[]) {
    const head = failures.length === 1 ? 'A query tool' : `${failures.length} query tools`;
    super(
      'CONFIG_INVALID',
      `${head} in queryTools cannot be built:\n${failures
        .map((f) => `    - query tool "${f.tool}": ${f.problems.join('; ')}`)
        .join('\n')}`,
    );
    this.failures = failures;
  }
}

interface SavedQuery {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly sql?: unknown;
}

/** Reads saved queries from Panther, listing them at most once per build. */
function savedQueryReader(client: PantherClient, signal: AbortSignal | undefined) {
  let listing: Promise<SavedQuery[]> | undefined;
  const listAll = async (): Promise<SavedQuery[]> => {
    const all: SavedQuery[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const data = await client.rest<RestPage>({
        method: 'GET',
        path: '/queries',
        query: { limit: 1000, cursor },
        signal,
        cacheKind: 'none',
      });
      all.push(...((data.results ?? []) as readonly SavedQuery[]));
      cursor = data.next || undefined;
      if (!cursor) break;
    }
    return all;
  };
  return async (reference: string): Promise<SqlSource> => {
    let found: SavedQuery | undefined;
    if (UUID.test(reference)) {
      try {
        found = await client.rest<SavedQuery>({
          method: 'GET',
          path: encodePath`/queries/${reference}`,
          signal,
          cacheKind: 'none',
        });
      } catch (error) {
        if (isPantherApiError(error) && error.code === 'NOT_FOUND') {
          throw new Error(`Panther has no saved query with id ${reference}`);
        }
        throw error;
      }
    } else {
      listing ??= listAll();
      const named = (await listing).filter((query) => query.name === reference);
      if (named.length === 0) {
        throw new Error(
          `Panther has no saved query named "${reference}" (names match exactly; or give its id)`,
        );
      }
      if (named.length > 1) {
        throw new Error(`${named.length} saved queries are named "${reference}": name it by id instead`);
      }
      found = named[0];
    }
    if (typeof found?.sql !== 'string' || found.sql.trim() === '') {
      throw new Error(`saved query "${reference}" has no SQL`);
    }
    return {
      sql: found.sql,
      from: `saved query "${typeof found.name === 'string' ? found.name : reference}"`,
    };
  };
}

export interface BuildQueriesPackOptions {
  readonly signal?: AbortSignal | undefined;
}

/**
 * Builds the `queries` pack from the section's entries, reading saved queries through `client`. Throws
 * `QueryToolsError` naming every entry that cannot become a tool (unknown placeholder, SQL the guard refuses,
 * missing saved query …). Tool names must also be unique across every loaded pack (the host checks that).
 */
export async function buildQueriesPack(
  entries: QueryToolsConfig,
  client: PantherClient,
  options: BuildQueriesPackOptions = {},
): Promise<PackDefinition> {
  const readSaved = savedQueryReader(client, options.signal);
  const failures: QueryToolError[] = [];
  const tools: AnyTool[] = [];
  const seen = new Set<string>();
  const build = async (entry: QueryToolEntry): Promise<AnyTool | QueryToolError> => {
    if (seen.has(entry.name)) return new QueryToolError(entry.name, ['another query tool has the same name']);
    seen.add(entry.name);
    let source: SqlSource;
    if (entry.sql !== undefined) source = { sql: entry.sql, from: 'the SQL' };
    else {
      try {
        source = await readSaved(entry.savedQuery as string);
      } catch (error) {
        if (isPantherApiError(error) || error instanceof Error) {
          return new QueryToolError(entry.name, [(error as Error).message]);
        }
        throw error;
      }
    }
    try {
      return compileQueryTool(entry, source);
    } catch (error) {
      if (error instanceof QueryToolError) return error;
      throw error;
    }
  };
  for (const outcome of await Promise.all(entries.map(build))) {
    if (outcome instanceof QueryToolError) failures.push(outcome);
    else tools.push(outcome);
  }
  if (failures.length > 0) throw new QueryToolsError(failures);
  return definePack({
    id: QUERIES_PACK_ID,
    title: 'Query tools',
    description: 'Data lake queries published as tools by the queryTools section of the config.',
    version: '0.1.0',
    coreRange: '^0.1.0',
    tools,
  });
}
