import { PantherApiError } from '@mcp-panther/core';
import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getTableSchema from './get-table-schema.js';

describe('get_table_schema', () => {
  it('returns the columns and their real count', async () => {
    const fake = createFakeClient(() => ({
      dataLakeDatabaseTable: {
        name: 'aws_cloudtrail',
        displayName: 'AWS.CloudTrail',
        description: null,
        logType: 'AWS.CloudTrail',
        columns: [
          { name: 'eventName', type: 'string', description: 'The API call' },
          { name: 'p_event_time', type: 'timestamp', description: null },
          { name: 'p_any_ip_addresses', type: 'array<string>', description: '' },
        ],
      },
    }));
    const result = await runTool(
      getTableSchema,
      { database_name: 'panther_logs.public', table_name: 'aws_cloudtrail' },
      fake,
    );
    expect(result).toEqual({
      name: 'aws_cloudtrail',
      logType: 'AWS.CloudTrail',
      column_count: 3,
      columns: {
        columns: ['name', 'type', 'description'],
        rows: [
          ['eventName', 'string', 'The API call'],
          ['p_event_time', 'timestamp', null],
          ['p_any_ip_addresses', 'array<string>', ''],
        ],
      },
    });
  });

  it('says which table is missing and where to look', async () => {
    const fake = createFakeClient(() => {
      throw new PantherApiError('NOT_FOUND', 'table not found', { status: 404 });
    });
    await expect(
      runTool(getTableSchema, { database_name: 'panther_logs.public', table_name: 'nope' }, fake),
    ).rejects.toThrow('no table nope in panther_logs.public; list_database_tables shows the tables');
  });

  it('points at the real schema tool name', () => {
    expect(getTableSchema.description).toContain('get_log_type_schema_details');
  });
});
