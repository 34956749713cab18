/** Shared zod atoms of the data lake pack, built on core's parameter builders where they fit. */
import { cursorParam, idParam, isoDateTimeParam, textParam } from '@mcp-panther/core';
import { z } from 'zod';

const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_$]*';

/**
 * A string checked against a pattern in code. The pattern is left out of the JSON Schema on purpose: it would
 * cost tools/list characters on every turn, and the error message says what is expected.
 */
function checked(max: number, pattern: RegExp, message: string) {
  return z
    .string()
    .max(max)
    .refine((value) => pattern.test(value), message);
}

/** `panther_logs.public`, `panther_lookups`: a database, optionally with its schema. */
export const databaseName = checked(
  255,
  new RegExp(`^${IDENTIFIER}(\\.${IDENTIFIER})?$`),
  'must be a database name such as panther_logs.public',
);

/** A table name as list_database_tables returns it (`aws_cloudtrail`). */
export const tableName = checked(255, /^[A-Za-z0-9_$.-]+$/, 'must be a table name such as aws_cloudtrail');

/** A data lake query id (Snowflake query ids look like `01be5f14-0206-3c48-000d-9eff005dd176`). */
export const dataLakeQueryId = checked(100, /^[A-Za-z0-9-]+$/, 'must be a query id as returned in query_id');

/** Panther alert ids: 32 hex characters in practice; they go into SQL, so only letters, digits, _ and -. */
export const alertId = idParam({ characters: 'word', maxLength: 128 });

/** An ISO-8601 date or date-time, parsed strictly to a Date (no offset means UTC). */
export const isoDateTime = isoDateTimeParam();

/** Scheduled (saved) query ids are UUIDs (advertised as `format: uuid`, checked in code). */
export const savedQueryId = checked(
  100,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'must be a UUID such as 3f0c9f6e-5a7b-4c1d-9e2f-0a1b2c3d4e5f',
).meta({ format: 'uuid' });

/** Rows per page of data lake results (Panther's page limit is 999). */
export const maxRows = z.number().int().min(1).max(999).default(100);

/** Seconds to wait for a query before cancelling it. */
export const timeoutSeconds = z.number().int().min(1).max(300).default(30);

/** A log type name such as `AWS.CloudTrail`. */
export const logTypeName = textParam(255).min(1);

/** A name filter (tables, schemas, saved queries). */
export const nameFilter = textParam(200);

/** One read-only SQL statement. */
export const sqlText = textParam(100_000);

/** query_data_lake's cursor travels in a GraphQL variable and wraps Panther's own, so it may be longer. */
export const dataLakeCursor = cursorParam(10_000);

/** A REST page cursor (sent in the URL). */
export const restCursor = cursorParam();

/** Columns to keep in data lake results: names as the results give them (checked against them). */
export const columnNames = z.array(textParam(255)).max(500);
