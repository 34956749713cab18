import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { alertIds, userId } from '../params.js';
import { describeAssigneeChange } from '../support/change.js';
import { forAlerts } from '../support/errors.js';
import { patchAlerts } from '../support/patch.js';

export default defineTool({
  name: 'update_alert_assignee',
  title: 'Update alert assignee',
  description: 'Assign up to 100 alerts to a Panther user by id.',
  access: 'write',
  destructive: true,
  idempotent: true,
  permissions: ['AlertModify'],
  input: z.object({ alert_ids: alertIds(100), assignee_id: userId }),
  describeChange: describeAssigneeChange,
  async handler({ alert_ids, assignee_id }, { client, signal }) {
    await forAlerts(alert_ids, () => patchAlerts(client, { ids: alert_ids, assignee: assignee_id }, signal));
    return { updated: alert_ids, assignee_id };
  },
});
