import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { alertIds, status } from '../params.js';
import { describeStatusChange } from '../support/change.js';
import { forAlerts } from '../support/errors.js';
import { patchAlerts } from '../support/patch.js';

export default defineTool({
  name: 'update_alert_status',
  title: 'Update alert status',
  description: 'Set the status of up to 100 alerts at once.',
  access: 'write',
  destructive: true,
  idempotent: true,
  permissions: ['AlertModify'],
  input: z.object({ alert_ids: alertIds(100), status }),
  describeChange: describeStatusChange,
  async handler({ alert_ids, status }, { client, signal }) {
    await forAlerts(alert_ids, () => patchAlerts(client, { ids: alert_ids, status }, signal));
    return { updated: alert_ids, status };
  },
});
