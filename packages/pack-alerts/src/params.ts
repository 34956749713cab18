/** Zod atoms shared by the alert tools. Enums and bounds stay visible in the JSON Schema. */
import { z } from 'zod';
import { isIsoDate } from './support/time.js';

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
export const alertId = z.string().min(1);

/** A list of alert ids with an upper bound and a message that names the argument. */
export const alertIds = (max: number) =>
  z
    .array(z.string())
    .min(1)
    .max(max, { error: `alert_ids: at most ${max} ids per call; split the list into batches of ${max}` });

/** An ISO-8601 date or date-time; a time without an offset is read as UTC. */
export const isoDate = z.string().refine(isIsoDate, {
  error: 'expected an ISO-8601 date-time such as 2024-05-01T00:00:00Z',
});

/** A cursor from a previous page's `next_cursor`. */
export const cursor = z.string().min(1).optional();

export const metricsInterval = (fallback: (typeof METRIC_INTERVALS)[number]) =>
  z.literal(METRIC_INTERVALS).default(fallback);

/** Optional window bounds (ISO-8601); the tools' descriptions state the 7-day default. */
export const startDate = isoDate.optional();
export const endDate = isoDate.optional();
