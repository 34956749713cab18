import type { PantherClient } from '@mcp-panther/core';

/**
 * PATCH /alerts: Panther answers 204 with an empty body (the client resolves it to undefined), so nothing is
 * parsed. The default tag `alerts` drops cached alert lists and alerts, so get_alert shows the change.
 */
export async function patchAlerts(
  client: PantherClient,
  body: { ids: readonly string[]; status?: string; assignee?: string },
  signal: AbortSignal,
): Promise<void> {
  await client.rest<undefined>({ method: 'PATCH', path: '/alerts', body, tags: ['alerts'], signal });
}
