/** Zod atoms shared by the admin pack's tools. */
import { z } from 'zod';

/** A page cursor: the `next_cursor` of the previous call. */
export const cursor = z.string().optional();

export const id = z.string().min(1);

/** Metrics buckets Panther accepts, in minutes. */
export const INTERVALS = [15, 30, 60, 180, 360, 720, 1440] as const;
export const intervalInMinutes = z.literal(INTERVALS).default(1440);

/** An ISO-8601 date-time; checked by the handler (a format pattern would bloat the schema). */
export const isoDate = z.string().optional();
