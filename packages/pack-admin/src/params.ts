/** Zod atoms shared by the admin pack's tools, built on core's parameter builders. */
import { cursorParam, idParam, isoDateTimeParam, textParam } from '@mcp-panther/core';
import { z } from 'zod';

/** A page cursor: the `next_cursor` of the previous call. */
export const cursor = cursorParam().optional();

/** A user id (often an email address). */
export const userId = idParam();

/** Role and log source ids are UUIDs (a list of role ids is sent comma-joined): no separators inside. */
export const roleId = idParam({ characters: 'word', maxLength: 64 });
export const sourceId = idParam({ characters: 'word', maxLength: 64 });

/** A name or name filter (roles, log types, integration types). */
export const name = textParam(100);

/** Lists of ids or names: enough for any filter, short enough for a URL. */
export const MAX_ITEMS = 50;

/** Metrics buckets Panther accepts, in minutes. */
export const INTERVALS = [15, 30, 60, 180, 360, 720, 1440] as const;
export const intervalInMinutes = z.literal(INTERVALS).default(1440);

/** An ISO-8601 date-time, parsed strictly in the schema. */
export const isoDate = isoDateTimeParam().optional();
