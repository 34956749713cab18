import { cursorOf, defineTool, encodePath, pagedResult, type RestPage } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId, cursor } from '../params.js';
import { forAlert } from '../support/errors.js';

export default defineTool({
  name: 'get_alert_events',
  title: 'Get alert events',
  description: "An alert's raw log events, in no set order; large, so 10 per page by default (50 max).",
  access: 'read',
  permissions: ['AlertRead'],
  input: z.object({
    alert_id: alertId,
    limit: z.number().int().min(1).max(50).default(10),
    cursor,
  }),
  async handler({ alert_id, limit, cursor }, { client, signal }) {
    const page = await forAlert(alert_id, () =>
      client.rest<RestPage<unknown>>({
        method: 'GET',
        path: encodePath`/alerts/${alert_id}/events`,
        query: { limit, cursor: cursorOf(cursor) },
        cacheKind: 'alerts',
        signal,
      }),
    );
    return pagedResult('events', page.results ?? [], page.next, {
      tool: 'get_alert_events',
      alwaysCursor: true,
    });
  },
});
