import {
  cursorOf,
  defineTool,
  fieldsParam,
  idParam,
  pagedResult,
  type RestPage,
  ToolInputError,
  table,
} from '@mcp-panther/core';
import { z } from 'zod';
import {
  ALERT_TYPES,
  cursor,
  endDate,
  filterList,
  filterText,
  SEVERITIES,
  STATUSES,
  SUBTYPES,
  SUBTYPES_BY_TYPE,
  severity,
  startDate,
  status,
} from '../params.js';
import {
  ALERT_COLUMNS,
  ALERT_FIELDS,
  alertRecord,
  LIST_TEXT_MAX,
  type RestAlert,
  SYSTEM_ERROR_COLUMNS,
} from '../support/alerts.js';
import { resolveWindow } from '../support/time.js';
import alertBoard from '../views/alert-board.js';

/** Event-count filters above this are no filter at all (an alert stops growing long before). */
const MAX_EVENTS = 10_000_000;

export default defineTool({
  name: 'list_alerts',
  title: 'List alerts',
  description:
    'List alerts newest first as a table; ISO-8601 dates, default the last 7 days (Panther’s 30 with detection_id and no dates).',
  access: 'read',
  permissions: ['AlertRead'],
  view: alertBoard,
  input: z.object({
    start_date: startDate,
    end_date: endDate,
    severities: z.array(severity).max(SEVERITIES.length).optional(),
    statuses: z.array(status).max(STATUSES.length).optional(),
    cursor,
    detection_id: idParam().optional(),
    event_count_max: z.number().int().min(1).max(MAX_EVENTS).optional(),
    event_count_min: z
      .number()
      .int()
      .min(0)
      .max(MAX_EVENTS)
      .optional()
      .describe('default 1, SYSTEM_ERROR none'),
    log_sources: filterList,
    log_types: filterList,
    name_contains: filterText.optional().describe('title substring'),
    page_size: z.number().int().min(1).max(50).default(25),
    resource_types: filterList,
    subtypes: z.array(z.enum(SUBTYPES)).max(SUBTYPES.length).optional(),
    alert_type: z.enum(ALERT_TYPES).default('ALERT'),
    fields: fieldsParam(ALERT_FIELDS).optional().describe('columns'),
  }),
  output: z.object({
    alerts: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) }),
    next_cursor: z.string().nullable(),
    note: z.string().optional(),
  }),
  continuation: {
    cursor: 'cursor',
    pageSize: 'page_size',
    fields: 'fields',
    filters: ['severities', 'statuses', 'start_date', 'detection_id', 'name_contains'],
  },
  async handler(input, { client, signal }) {
    const allowed = SUBTYPES_BY_TYPE[input.alert_type];
    const wrong = (input.subtypes ?? []).filter((subtype) => !allowed.includes(subtype));
    if (wrong.length > 0) {
      throw new ToolInputError(
        'subtypes',
        allowed.length === 0
          ? `alert_type ${input.alert_type} takes no subtypes (got ${wrong.join(', ')})`
          : `${wrong.join(', ')} not valid with alert_type ${input.alert_type}; use ${allowed.join(', ')}`,
      );
    }
    if (
      input.event_count_max !== undefined &&
      input.event_count_min !== undefined &&
      input.event_count_min > input.event_count_max
    ) {
      throw new ToolInputError('event_count_min', 'must not exceed event_count_max');
    }

    // With a detection id and no dates, Panther applies its own 30-day window.
    const noDates = input.start_date === undefined && input.end_date === undefined;
    const window =
      input.detection_id !== undefined && noDates
        ? undefined
        : resolveWindow(input.start_date, input.end_date);
    const eventCountMin = input.event_count_min ?? (input.alert_type === 'SYSTEM_ERROR' ? undefined : 1);

    const page = await client.rest<RestPage<RestAlert>>({
      method: 'GET',
      path: '/alerts',
      query: {
        type: input.alert_type,
        limit: input.page_size,
        'sort-dir': 'desc',
        'created-after': window?.start,
        'created-before': window?.end,
        'event-count-min': eventCountMin,
        'event-count-max': input.event_count_max,
        cursor: cursorOf(input.cursor),
        'detection-id': input.detection_id,
        'name-contains': input.name_contains || undefined,
        severity: input.severities,
        status: input.statuses,
        'sub-type': input.subtypes,
        'log-source': input.log_sources,
        'log-type': input.log_types,
        'resource-type': input.resource_types,
      },
      cacheKind: 'alerts',
      signal,
    });

    const defaults = input.alert_type === 'SYSTEM_ERROR' ? SYSTEM_ERROR_COLUMNS : ALERT_COLUMNS;
    const columns = ['id', ...new Set((input.fields ?? defaults).filter((field) => field !== 'id'))];
    const records = (page.results ?? []).map(alertRecord);
    const result = pagedResult('alerts', table(records, columns, { maxText: LIST_TEXT_MAX }), page.next, {
      tool: 'list_alerts',
      alwaysCursor: true,
    });
    if (records.length === 0 && window && !page.next) {
      return {
        ...result,
        note: `No alerts from ${window.start} to ${window.end}; widen the dates or filters.`,
      };
    }
    return result;
  },
});
