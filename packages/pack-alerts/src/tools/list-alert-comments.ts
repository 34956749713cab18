import { cursorOf, defineTool, pagedResult, type RestPage } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId, cursor } from '../params.js';
import { compactComment, type RestComment } from '../support/alerts.js';
import { forAlert } from '../support/errors.js';

export default defineTool({
  name: 'list_alert_comments',
  title: 'List alert comments',
  description: "An alert's comments: body, format, author, time.",
  access: 'read',
  permissions: ['AlertRead'],
  input: z.object({
    alert_id: alertId,
    limit: z.number().int().min(1).max(50).default(25),
    cursor,
  }),
  async handler({ alert_id, limit, cursor }, { client, signal }) {
    const page = await forAlert(alert_id, () =>
      client.rest<RestPage<RestComment>>({
        method: 'GET',
        path: '/alert-comments',
        query: { 'alert-id': alert_id, limit, cursor: cursorOf(cursor) },
        cacheKind: 'alerts',
        signal,
      }),
    );
    return pagedResult('comments', (page.results ?? []).map(compactComment), page.next, {
      tool: 'list_alert_comments',
      alwaysCursor: true,
    });
  },
});
