import {
  defineTool,
  isPantherApiError,
  type JsonObject,
  pick,
  ToolInputError,
  textParam,
} from '@mcp-panther/core';
import { z } from 'zod';
import { sqlText } from '../params.js';
import { checkSavedSql } from '../support/saved-sql.js';

const quote = (text: string, max = 120) =>
  JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);

export default defineTool({
  name: 'save_query',
  title: 'Save query',
  description:
    'Save read-only SQL as a new Panther saved query; {{param}} placeholders stay, for query tools.',
  access: 'write',
  destructive: false,
  idempotent: false,
  permissions: ['DataAnalyticsModify'],
  input: z.object({
    name: textParam(255).min(1),
    sql: sqlText.min(1),
    description: textParam(1_000).optional(),
  }),
  describeChange: ({ name, sql }) => `Save data lake query ${quote(name)} (${sql.length} characters of SQL)`,
  async handler({ name, sql, description }, { client, signal }) {
    checkSavedSql(sql);
    try {
      const created = await client.rest<JsonObject>({
        method: 'POST',
        path: '/queries',
        body: { name, sql, ...(description === undefined ? {} : { description }) },
        signal,
      });
      return { saved_query: pick(created, ['id', 'name', 'description', 'createdAt']) };
    } catch (error) {
      if (isPantherApiError(error) && error.status === 409) {
        throw new ToolInputError(
          'name',
          `a saved query named ${quote(name)} already exists; choose another name.`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  },
});
