import { assertPackConventions, toolListEntry as listEntry } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import datalakePackDefault, { datalakePack } from './index.js';

const schemaOf = (name: string) =>
  JSON.stringify(listEntry(datalakePack.tools.find((t) => t.name === name)!).inputSchema);

describe('datalakePack', () => {
  it('exports the pack as named and default export, with its ten tools', () => {
    expect(datalakePackDefault).toBe(datalakePack);
    expect(datalakePack.id).toBe('datalake');
    expect(datalakePack.tools.map((t) => t.name).sort()).toEqual([
      'get_alert_event_stats',
      'get_log_type_schema_details',
      'get_scheduled_query',
      'get_table_schema',
      'list_database_tables',
      'list_databases',
      'list_log_type_schemas',
      'list_scheduled_queries',
      'query_data_lake',
      'save_query',
    ]);
  });

  it('follows the pack conventions, with one tool per file named after it', () => {
    expect(() =>
      assertPackConventions(datalakePack, { toolsDir: new URL('./tools/', import.meta.url) }),
    ).not.toThrow();
  });

  it('has one write tool (save_query, not destructive), with raw permission names', () => {
    const writes = datalakePack.tools.filter((t) => t.access === 'write' || !t.annotations.readOnlyHint);
    expect(writes.map((t) => [t.name, t.annotations.destructiveHint])).toEqual([['save_query', false]]);
    const permissions = Object.fromEntries(datalakePack.tools.map((t) => [t.name, t.permissions]));
    expect(permissions).toEqual({
      query_data_lake: ['DataAnalyticsRead'],
      get_alert_event_stats: ['DataAnalyticsRead'],
      list_databases: ['DataAnalyticsRead'],
      list_database_tables: ['DataAnalyticsRead'],
      get_table_schema: ['DataAnalyticsRead'],
      list_scheduled_queries: ['DataAnalyticsRead'],
      get_scheduled_query: ['DataAnalyticsRead'],
      list_log_type_schemas: ['LogSourceRead'],
      get_log_type_schema_details: ['LogSourceRead'],
      save_query: ['DataAnalyticsModify'],
    });
  });

  it('keeps descriptions short and the tools/list entries small', () => {
    const entries = datalakePack.tools.map(listEntry);
    for (const entry of entries) {
      const cap = entry.name === 'query_data_lake' ? 900 : 350;
      expect(entry.description.length, entry.name).toBeLessThanOrEqual(cap);
      expect(entry.description, entry.name).not.toMatch(/Returns:/);
    }
    const size = JSON.stringify(entries).length;
    console.log(`datalake pack tools/list: ${size} chars`);
    // 6,000 before save_query (a write tool, shown only in read-write mode).
    expect(size).toBeLessThan(6500);
  });

  it('advertises enums, defaults and bounds in the JSON Schema', () => {
    expect(schemaOf('query_data_lake')).toContain('"default":100');
    expect(schemaOf('query_data_lake')).toContain('"minimum":1,"maximum":999');
    expect(schemaOf('query_data_lake')).toContain('"minimum":1,"maximum":300');
    expect(schemaOf('query_data_lake')).toContain('"default":"panther_logs.public"');
    expect(schemaOf('get_alert_event_stats')).toContain('"enum":[1,5,15,30,60]');
    expect(schemaOf('get_alert_event_stats')).toContain('"minItems":1,"maxItems":50');
    expect(schemaOf('get_log_type_schema_details')).toContain('"minItems":1,"maxItems":5');
    expect(schemaOf('list_scheduled_queries')).toContain('"minimum":1,"maximum":1000');
    expect(schemaOf('get_scheduled_query')).toContain('"format":"uuid"');
  });
});
