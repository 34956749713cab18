import { defineTool } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId, comment } from '../params.js';
import { compactComment } from '../support/alerts.js';
import { describeComment } from '../support/change.js';
import { postComment } from '../support/comment.js';
import { forAlert } from '../support/errors.js';

export default defineTool({
  name: 'add_alert_comment',
  title: 'Add alert comment',
  description: 'Comment on an alert: plain text, or HTML with format=HTML (Markdown is not rendered).',
  access: 'write',
  destructive: false,
  idempotent: false,
  permissions: ['AlertModify'],
  input: z.object({
    alert_id: alertId,
    comment,
    format: z.enum(['PLAIN_TEXT', 'HTML']).default('PLAIN_TEXT'),
  }),
  describeChange: describeComment,
  async handler({ alert_id, comment, format }, { client, signal }) {
    const created = await forAlert(alert_id, () => postComment(client, alert_id, comment, format, signal));
    return { comment: compactComment(created) };
  },
});
