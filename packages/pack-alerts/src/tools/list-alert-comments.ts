import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId, cursor } from '../params.js';
import { compactComment, paging, type RestComment, type RestPage } from '../support/alerts.js';
import { forAlert } from '../support/errors.js';

export default defineTool({
  name: 'list_alert_comments',
  title: 'List alert comments',
  description: 'List the comments on an alert (body, format, author, time).',
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
        query: { 'alert-id': alert_id, limit, cursor },
        cacheKind: 'alerts',
        signal,
      }),
    );
    return {
      comments: (page.results ?? []).map(compactComment),
      ...paging(page.next, 'list_alert_comments'),
    };
  },
});
