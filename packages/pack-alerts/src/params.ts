/** Zod atoms shared by the alert tools, built on core's parameter builders. Bounds stay visible in the JSON Schema. */
import { cursorParam, idParam, isoDateTimeParam, textParam } from '@mcp-panther/core';
import { z } from 'zod';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
export const STATUSES = ['OPEN', 'TRIAGED', 'RESOLVED', 'CLOSED'] as const;
export const ALERT_TYPES = ['ALERT', 'DETECTION_ERROR', 'SYSTEM_ERROR'] as const;
export const SUBTYPES = ['POLICY', 'RULE', 'SCHEDULED_RULE', 'RULE_ERROR', 'SCHEDULED_RULE_ERROR'] as const;
export const METRIC_INTERVALS = [15, 30, 60, 180, 360, 720, 1440] as const;

export type Severity = (typeof SEVERITIES)[number];
export type AlertStatus = (typeof STATUSES)[number];
export type AlertListingType = (typeof ALERT_TYPES)[number];
export type Subtype = (typeof SUBTYPES)[number];

/** Which subtypes each listing type accepts (Panther's rule; SYSTEM_ERROR takes none). */
export const SUBTYPES_BY_TYPE: Readonly<Record<AlertListingType, readonly Subtype[]>> = {
  ALERT: ['POLICY', 'RULE', 'SCHEDULED_RULE'],
  DETECTION_ERROR: ['RULE_ERROR', 'SCHEDULED_RULE_ERROR'],
  SYSTEM_ERROR: [],
};

export const severity = z.enum(SEVERITIES);
export const status = z.enum(STATUSES);
/** Panther alert ids (32 hex characters in practice). */
export const alertId = idParam({ maxLength: 128 });

/** A user id (often an email address). */
export const userId = idParam();

/** A list of alert ids with an upper bound and a message that names the argument. */
export const alertIds = (max: number) =>
  z
    .array(alertId)
    .min(1)
    .max(max, { error: `alert_ids: at most ${max} ids per call; split the list into batches of ${max}` });

/** A comment's text (sent in a request body; a long one is refused before it reaches Panther). */
export const comment = textParam(10_000).min(1);

/** A cursor from a previous page's `next_cursor`. */
export const cursor = cursorParam().optional();

/** Free-text filters and list filters (log sources, log types, resource types), short enough for a URL. */
export const filterText = textParam(100);
export const filterList = z.array(filterText).max(50).optional();

export const metricsInterval = (fallback: (typeof METRIC_INTERVALS)[number]) =>
  z.literal(METRIC_INTERVALS).default(fallback);

/** Optional window bounds (ISO-8601, parsed strictly); the tools' descriptions state the 7-day default. */
export const startDate = isoDateTimeParam().optional();
export const endDate = isoDateTimeParam().optional();
