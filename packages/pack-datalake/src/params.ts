/** Shared zod atoms of the data lake pack. */
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

/** Panther alert ids: 32 hex characters in practice; word characters and '-' are accepted. */
export const alertId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a Panther alert id (letters, digits, _ or -)');

/** Reads `2024-05-01`, `2024-05-01T10:00:00Z` or `…+02:00` as UTC; a time without a zone counts as UTC. */
export function parseIsoDate(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(value))
    return undefined;
  const zoned = value.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? `${value}Z` : value;
  const date = new Date(zoned.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * An ISO-8601 date or date-time, parsed to a Date. Checked in code rather than with a schema pattern, which would
 * cost ~600 characters of tools/list per field.
 */
export const isoDateTime = z
  .string()
  .max(40)
  .transform((value, context) => {
    const date = parseIsoDate(value);
    if (date === undefined) {
      context.issues.push({
        code: 'custom',
        input: value,
        message: 'must be an ISO-8601 date or date-time, e.g. 2024-05-01T00:00:00Z',
      });
      return z.NEVER;
    }
    return date;
  });

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
export const logTypeName = z.string().min(1).max(255);
