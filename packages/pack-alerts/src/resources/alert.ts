import { defineResourceTemplate } from '@mcp-panther/core';
import { completeAlertId } from '../prompts/complete.js';

/** `panther://alerts/{id}`: one alert in full, read through get_alert. */
export default defineResourceTemplate({
  name: 'alert',
  title: 'Panther alert',
  description: 'One alert in full (runbook, context, deliveries), as get_alert returns it.',
  uriTemplate: 'panther://alerts/{id}',
  tool: 'get_alert',
  toolArguments: ({ id }) => ({ alert_id: id }),
  complete: { id: completeAlertId },
});
