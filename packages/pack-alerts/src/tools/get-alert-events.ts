import {
  compact,
  cursorOf,
  defineTool,
  encodePath,
  type JsonObject,
  pagedResult,
  pick,
  type RestPage,
  textParam,
} from '@mcp-panther/core';
import { z } from 'zod';
import { alertId, cursor } from '../params.js';
import { forAlert } from '../support/errors.js';

export default defineTool({
  name: 'get_alert_events',
  title: 'Get alert events',
  description: "An alert's raw log events, in no set order; 10 per page by default (50 max).",
  access: 'read',
  permissions: ['AlertRead'],
  input: z.object({
    alert_id: alertId,
    limit: z.number().int().min(1).max(50).default(10),
    cursor,
    fields: z.array(textParam(255)).max(100).optional().describe('event keys'),
  }),
  continuation: { cursor: 'cursor', pageSize: 'limit', fields: 'fields' },
  async handler({ alert_id, limit, cursor, fields }, { client, signal }) {
    const page = await forAlert(alert_id, () =>
      client.rest<RestPage<JsonObject>>({
        method: 'GET',
        path: encodePath`/alerts/${alert_id}/events`,
        query: { limit, cursor: cursorOf(cursor) },
        cacheKind: 'alerts',
        signal,
      }),
    );
    // Raw events carry many null fields; with fields, only those keys.
    const events = (page.results ?? []).map((event) => compact(fields ? pick(event, fields) : event));
    return pagedResult('events', events, page.next, { tool: 'get_alert_events' });
  },
});
