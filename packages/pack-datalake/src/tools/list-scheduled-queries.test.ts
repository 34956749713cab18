import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listScheduledQueries from './list-scheduled-queries.js';

const query = (n: number, name: string) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  name,
  description: '',
  sql: 'SELECT 1',
  schedule: { cron: '0 * * * *', disabled: false, rateMinutes: null, timeoutMinutes: 5 },
});

describe('list_scheduled_queries', () => {
  it('drops the SQL and maps next to next_cursor', async () => {
    const fake = createFakeClient(() => ({ results: [query(1, 'Hourly logins')], next: 'abc' }));
    const result = await runTool(listScheduledQueries, { limit: 10 }, fake);
    expect((fake.calls[0] as Extract<FakeCall, { kind: 'rest' }>).request).toMatchObject({
      method: 'GET',
      path: '/queries',
      query: { limit: 10, cursor: undefined },
    });
    expect(result['queries']).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000001',
        name: 'Hourly logins',
        description: '',
        schedule: query(1, '').schedule,
      },
    ]);
    expect(result).toMatchObject({ query_count: 1, has_next_page: true, next_cursor: 'abc' });
  });

  it('filters by name across pages until the limit is reached', async () => {
    const fake = createFakeClient((call) => {
      const cursor = (call as Extract<FakeCall, { kind: 'rest' }>).request.query?.['cursor'];
      if (cursor === undefined)
        return { results: [query(1, 'Okta logins'), query(2, 'S3 access')], next: 'p2' };
      if (cursor === 'p2') return { results: [query(3, 'okta MFA')], next: 'p3' };
      return { results: [query(4, 'OKTA admin')], next: null };
    });
    const result = await runTool(listScheduledQueries, { name_contains: 'Okta', limit: 2 }, fake);
    expect(fake.calls).toHaveLength(2);
    expect((result['queries'] as { name: string }[]).map((q) => q.name)).toEqual(['Okta logins', 'okta MFA']);
    expect(result).toMatchObject({ has_next_page: true, next_cursor: 'p3' });
  });

  it('bounds the limit', () => {
    expect(listScheduledQueries.input.safeParse({ limit: 0 }).success).toBe(false);
    expect(listScheduledQueries.input.safeParse({ limit: 1001 }).success).toBe(false);
  });
});
