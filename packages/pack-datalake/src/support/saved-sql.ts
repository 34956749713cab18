/**
 * The check save_query runs before saving: the SQL must be something a query tool could be built from, so that
 * saving never stores a statement the data lake guard would refuse. `{{name}}` placeholders are allowed where a
 * query tool takes them; each is checked as an empty string literal.
 */
import { ToolInputError } from '@mcp-panther/core';
import { BindingError, bindTemplate } from '../query-tools/bind.js';
import { parseTemplate, TemplateError } from '../query-tools/template.js';
import { guardSql, SqlGuardError } from '../sql/guard.js';

export function checkSavedSql(sql: string, databaseName = 'panther_logs.public'): void {
  try {
    const template = parseTemplate(sql);
    const literals = new Map(template.placeholders.map((placeholder) => [placeholder.name, "''"]));
    guardSql(bindTemplate(template, literals), { databaseName });
  } catch (error) {
    if (error instanceof TemplateError || error instanceof SqlGuardError || error instanceof BindingError) {
      throw new ToolInputError('sql', error.message, { cause: error });
    }
    throw error;
  }
}
