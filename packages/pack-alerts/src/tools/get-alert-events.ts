import { defineTool, encodePath } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId, cursor } from '../params.js';
import { paging, type RestPage } from '../support/alerts.js';
import { forAlert } from '../support/errors.js';

export default defineTool({
  name: 'get_alert_events',
  title: 'Get alert events',
  description:
    'Get the raw log events of an alert, in no set order. Events are large: 10 per page by default, 50 at most.',
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
        query: { limit, cursor },
        cacheKind: 'alerts',
        signal,
      }),
    );
    return { events: page.results ?? [], ...paging(page.next, 'get_alert_events') };
  },
});
