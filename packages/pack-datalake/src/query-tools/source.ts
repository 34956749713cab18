/**
 * The `queries` pack as a pack source a host loads with its other packs: built (with the host's connected client)
 * at start-up and on every reload, from the `queryTools` section of the config that was loaded.
 */
import type { PackSource } from '@mcp-panther/core';
import { buildQueriesPack } from './pack.js';
import { type QueryToolsConfig, queryToolsConfig } from './section.js';

/** Named in messages about the pack ("queryTools: A query tool … cannot be built"). */
export const QUERY_TOOLS_SPECIFIER = 'queryTools';

/** The pack source of a config's query tools: none when the section is empty. */
export function queryToolsSources(entries: QueryToolsConfig): PackSource[] {
  if (entries.length === 0) return [];
  return [
    {
      specifier: QUERY_TOOLS_SPECIFIER,
      enabled: true,
      optional: false,
      config: undefined,
      build: ({ client }) => buildQueriesPack(entries, client),
    },
  ];
}

/** The same, from a loaded config's sections. */
export function queryToolsSourcesOf(sections: Readonly<Record<string, unknown>>): PackSource[] {
  return queryToolsSources(queryToolsConfig(sections));
}
