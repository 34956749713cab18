import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getScheduledQuery from './get-scheduled-query.js';

const ID = '3f0c9f6e-5a7b-4c1d-9e2f-0a1b2c3d4e5f';

describe('get_scheduled_query', () => {
  it('returns the query with its SQL', async () => {
    const saved = { id: ID, name: 'Hourly logins', sql: 'SELECT 1', schedule: { cron: '0 * * * *' } };
    const fake = createFakeClient(() => saved);
    const result = await runTool(getScheduledQuery, { query_id: ID }, fake);
    expect(result).toEqual(saved);
    expect((fake.calls[0] as Extract<FakeCall, { kind: 'rest' }>).request).toMatchObject({
      method: 'GET',
      path: `/queries/${ID}`,
    });
  });

  it.each(['not-a-uuid', '../alerts', `${ID}x`])('rejects %s', (query_id) => {
    const parsed = getScheduledQuery.input.safeParse({ query_id });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('must be a UUID');
  });
});
