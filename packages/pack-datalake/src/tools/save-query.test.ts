import { PantherApiError } from '@mcp-panther/core';
import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import saveQuery from './save-query.js';

const SQL = "SELECT eventName FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('1 d')";
const CREATED = {
  id: '3f0c9f6e-5a7b-4c1d-9e2f-0a1b2c3d4e5f',
  name: 'Console logins',
  description: 'hunt',
  sql: SQL,
  managed: false,
  schedule: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('save_query', () => {
  it('is a write that needs DataAnalyticsModify and says what it saves', () => {
    expect([saveQuery.access, saveQuery.permissions, saveQuery.annotations.destructiveHint]).toEqual([
      'write',
      ['DataAnalyticsModify'],
      false,
    ]);
    expect(
      saveQuery.access === 'write' && saveQuery.describeChange?.({ name: 'Console logins', sql: SQL }),
    ).toBe(`Save data lake query "Console logins" (${SQL.length} characters of SQL)`);
  });

  it('posts name, SQL and description to /queries and returns the saved query without its SQL', async () => {
    const fake = createFakeClient(() => CREATED);
    const result = await runTool(saveQuery, { name: 'Console logins', sql: SQL, description: 'hunt' }, fake);
    expect(fake.restCalls()).toMatchObject([
      { method: 'POST', path: '/queries', body: { name: 'Console logins', sql: SQL, description: 'hunt' } },
    ]);
    expect(result).toEqual({
      saved_query: {
        id: CREATED.id,
        name: 'Console logins',
        description: 'hunt',
        createdAt: CREATED.createdAt,
      },
    });
  });

  it('keeps {{name}} placeholders, checked where a query tool would take them', async () => {
    const fake = createFakeClient(() => CREATED);
    const sql = `${SQL} AND userIdentity:userName = {{user}}`;
    await runTool(saveQuery, { name: 'By user', sql }, fake);
    expect(fake.restCalls()[0]?.body).toEqual({ name: 'By user', sql });
  });

  it.each([
    ['DELETE FROM panther_logs.public.aws_cloudtrail', 'DELETE'],
    ['SELECT * FROM panther_logs.public.aws_cloudtrail', 'without a time filter'],
    ["SELECT * FROM t WHERE a = '{{x}}'", 'inside a string'],
    ['SELECT 1; SELECT 2', 'Only one statement'],
  ])('refuses %s before sending anything', async (sql, message) => {
    const fake = createFakeClient(() => CREATED);
    await expect(runTool(saveQuery, { name: 'x', sql }, fake)).rejects.toThrow(
      new RegExp(`Invalid argument "sql": .*${message}`),
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('names the conflict when the name is taken', async () => {
    const fake = createFakeClient(() => {
      throw new PantherApiError('INVALID_INPUT', 'A query named x already exists', { status: 409 });
    });
    await expect(runTool(saveQuery, { name: 'Console logins', sql: SQL }, fake)).rejects.toThrow(
      'Invalid argument "name": a saved query named "Console logins" already exists; choose another name.',
    );
  });
});
