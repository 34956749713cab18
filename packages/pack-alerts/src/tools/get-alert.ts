import { compact, defineTool, encodePath, fieldsParam, pick } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId } from '../params.js';
import { ALERT_DETAIL_FIELDS, type RestAlert } from '../support/alerts.js';
import { forAlert } from '../support/errors.js';

export default defineTool({
  name: 'get_alert',
  title: 'Get alert',
  description: 'Get one alert’s full record: runbook, context, deliveries.',
  access: 'read',
  permissions: ['AlertRead'],
  input: z.object({ alert_id: alertId, fields: fieldsParam(ALERT_DETAIL_FIELDS).optional() }),
  output: z.object({ alert: z.looseObject({ id: z.string() }) }),
  continuation: { fields: 'fields' },
  async handler({ alert_id, fields }, { client, signal }) {
    const alert = await forAlert(alert_id, () =>
      client.rest<RestAlert>({
        method: 'GET',
        path: encodePath`/alerts/${alert_id}`,
        cacheKind: 'alerts',
        signal,
      }),
    );
    // Null and empty-text fields say nothing; with fields, only the id and those.
    return { alert: compact(fields ? pick(alert, ['id', ...fields]) : alert) as RestAlert };
  },
});
