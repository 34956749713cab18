import { compact, defineTool, encodePath } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId } from '../params.js';
import type { RestAlert } from '../support/alerts.js';
import { forAlert } from '../support/errors.js';

export default defineTool({
  name: 'get_alert',
  title: 'Get alert',
  description: 'Get one alert’s full record: runbook, context, deliveries.',
  access: 'read',
  permissions: ['AlertRead'],
  input: z.object({ alert_id: alertId }),
  output: z.object({ alert: z.looseObject({ id: z.string() }) }),
  async handler({ alert_id }, { client, signal }) {
    const alert = await forAlert(alert_id, () =>
      client.rest<RestAlert>({
        method: 'GET',
        path: encodePath`/alerts/${alert_id}`,
        cacheKind: 'alerts',
        signal,
      }),
    );
    // Null and empty-text fields say nothing.
    return { alert: compact(alert) as RestAlert };
  },
});
