/**
 * The `queryTools` config section: data lake queries an admin publishes as read tools, without code. Each entry is
 * one tool with a name, a description, typed parameters and either inline `sql` or a Panther saved query (by name
 * or id) whose SQL is read from Panther when the tools are built (at start-up and on every reload). This package
 * owns the section; a host that wants query tools registers it when it loads its config (the CLI does).
 */
import type { ConfigSection } from '@mcp-panther/core';
import { z } from 'zod';
import { databaseName, timeoutSeconds } from '../params.js';
import { parameterSchema } from './parameters.js';
import { PLACEHOLDER_NAME } from './template.js';

/** The SQL a query_data_lake call may send is bounded the same way. */
export const MAX_SQL_LENGTH = 100_000;
export const MAX_QUERY_TOOLS = 100;
const TOOL_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

export const queryToolSchema = z
  .strictObject({
    name: z
      .string()
      .max(64)
      .regex(TOOL_NAME, 'must be snake_case (a-z, 0-9, single underscores), starting with a letter'),
    title: z.string().min(1).max(100).optional(),
    description: z.string().min(1).max(1_024),
    /** Inline SQL with `{{name}}` placeholders. */
    sql: z.string().min(1).max(MAX_SQL_LENGTH).optional(),
    /** A Panther saved query, by id (a UUID) or by its exact name; its SQL may hold placeholders too. */
    savedQuery: z.string().min(1).max(255).optional(),
    database: databaseName.default('panther_logs.public'),
    /** Seconds to wait for the query before cancelling it. */
    timeout: timeoutSeconds,
    parameters: z
      .record(
        z
          .string()
          .regex(
            PLACEHOLDER_NAME,
            'parameter names are lower-case letters, digits and _, starting with a letter',
          ),
        parameterSchema,
      )
      .default({}),
  })
  .refine((entry) => (entry.sql === undefined) !== (entry.savedQuery === undefined), {
    message: 'give either sql or savedQuery (exactly one)',
  });

export type QueryToolEntry = z.output<typeof queryToolSchema>;
export type QueryToolsConfig = readonly QueryToolEntry[];

const sectionSchema = z.array(queryToolSchema).max(MAX_QUERY_TOOLS).default([]);

/** The `queryTools` section: a list of query tools (none by default). */
export const QUERY_TOOLS_SECTION: ConfigSection = { key: 'queryTools', schema: sectionSchema };

/** The validated section of a loaded config (an empty list when absent). */
export function queryToolsConfig(sections: Readonly<Record<string, unknown>>): QueryToolsConfig {
  return (sections['queryTools'] as QueryToolsConfig | undefined) ?? [];
}
