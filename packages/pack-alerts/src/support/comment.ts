import type { PantherClient } from '@mcp-panther/core';
import type { RestComment } from './alerts.js';

export type CommentFormat = 'PLAIN_TEXT' | 'HTML';

/**
 * POST /alert-comments with the format really sent. Invalidates cached comment lists and alerts (an alert's
 * `updatedAt` may move when it is commented on).
 */
export function postComment(
  client: PantherClient,
  alertId: string,
  body: string,
  format: CommentFormat,
  signal: AbortSignal,
): Promise<RestComment> {
  return client.rest<RestComment>({
    method: 'POST',
    path: '/alert-comments',
    body: { alertId, body, format },
    tags: ['alert-comments', 'alerts'],
    signal,
  });
}
