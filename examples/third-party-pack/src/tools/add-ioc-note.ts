import { defineTool, ToolInputError } from '@mcp-panther/core';
import { z } from 'zod';

const PATTERNS = {
  ip: /^(?:\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+$/i,
  domain: /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i,
  sha256: /^[a-f0-9]{64}$/i,
} as const;

/** Records an indicator of compromise on an alert as a plain-text comment. */
export const addIocNote = defineTool({
  name: 'example_add_ioc_note',
  title: 'Add an IOC note to an alert',
  description: 'Record an indicator of compromise (IP, domain or SHA-256) on an alert as a comment.',
  access: 'write',
  destructive: false,
  idempotent: false,
  permissions: ['AlertModify'],
  input: z.object({
    alert_id: z.string().min(1).max(128).describe('The alert to annotate'),
    kind: z.enum(['ip', 'domain', 'sha256']),
    indicator: z.string().min(1).max(253),
    note: z.string().max(500).optional().describe('Why this indicator matters'),
  }),
  output: z.object({ comment_id: z.string(), alert_id: z.string() }),
  // What the person is asked to confirm when the policy wants this write confirmed (policy.confirmWrites).
  describeChange: ({ alert_id, kind, indicator }) =>
    `Note the ${kind} ${indicator} as an IOC on alert ${alert_id}`,
  async handler({ alert_id, kind, indicator, note }, { client, signal }) {
    if (!PATTERNS[kind].test(indicator)) {
      throw new ToolInputError('indicator', `is not a valid ${kind}`);
    }
    const body = `IOC (${kind}): ${indicator}${note ? ` (${note})` : ''}`;
    const comment = await client.rest<{ id: string }>({
      method: 'POST',
      path: '/alert-comments',
      body: { alertId: alert_id, body, format: 'PLAIN_TEXT' },
      tags: ['alert-comments', 'alerts'],
      signal,
    });
    return { comment_id: comment.id, alert_id };
  },
});
