import { assertPackConventions, toolListEntry as listEntry } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import adminPackDefault, { adminPack } from './index.js';

describe('adminPack', () => {
  it('exports the pack as named and default export, with the eight admin tools', () => {
    expect(adminPackDefault).toBe(adminPack);
    expect(adminPack.id).toBe('admin');
    expect(adminPack.tools.map((t) => t.name).sort()).toEqual([
      'get_bytes_processed_per_log_type_and_source',
      'get_http_log_source',
      'get_permissions',
      'get_role',
      'get_user',
      'list_log_sources',
      'list_roles',
      'list_users',
    ]);
  });

  it('follows the pack conventions, with one tool per file named after it', () => {
    expect(() =>
      assertPackConventions(adminPack, {
        maxDescriptionLength: 300,
        toolsDir: new URL('./tools/', import.meta.url),
      }),
    ).not.toThrow();
  });

  it('is read-only, with raw permission names (LogSourceRead for log sources, none for get_permissions)', () => {
    expect(adminPack.tools.every((t) => t.access === 'read')).toBe(true);
    const permissions = Object.fromEntries(adminPack.tools.map((t) => [t.name, t.permissions]));
    expect(permissions).toEqual({
      list_users: ['UserRead'],
      get_user: ['UserRead'],
      list_roles: ['UserRead'],
      get_role: ['UserRead'],
      get_permissions: [],
      list_log_sources: ['LogSourceRead'],
      get_http_log_source: ['LogSourceRead'],
      get_bytes_processed_per_log_type_and_source: ['SummaryRead'],
    });
  });

  it('keeps descriptions short and the tools/list entries small', () => {
    const entries = adminPack.tools.map(listEntry);
    for (const entry of entries) {
      expect(entry.description.length, entry.name).toBeGreaterThanOrEqual(60);
      expect(entry.description.length, entry.name).toBeLessThanOrEqual(300);
      expect(entry.description, entry.name).not.toMatch(/Returns:/);
    }
    const size = JSON.stringify(entries).length;
    console.log(`admin pack tools/list: ${size} chars`);
    expect(size).toBeLessThan(4200);
  });

  it('advertises every enum, default and bound in the JSON Schema', () => {
    const schema = (name: string) =>
      JSON.stringify(listEntry(adminPack.tools.find((t) => t.name === name)!).inputSchema);
    expect(schema('list_users')).toContain('"default":60,"type":"integer","minimum":1,"maximum":60');
    expect(schema('list_roles')).toContain('"default":"asc","type":"string","enum":["asc","desc"]');
    expect(schema('get_bytes_processed_per_log_type_and_source')).toContain(
      '"default":1440,"type":"number","enum":[15,30,60,180,360,720,1440]',
    );
    expect(schema('list_log_sources')).toContain('"is_healthy":{"type":"boolean"}');
  });
});
