import { assertPackConventions, toolListEntry as listEntry } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import detectionsPackDefault, { detectionsPack } from './index.js';

describe('detectionsPack', () => {
  it('exports the pack as named and default export, with the seven detection tools', () => {
    expect(detectionsPackDefault).toBe(detectionsPack);
    expect(detectionsPack.id).toBe('detections');
    expect(detectionsPack.tools.map((t) => t.name).sort()).toEqual([
      'disable_detection',
      'get_data_model',
      'get_detection',
      'get_global_helper',
      'list_data_models',
      'list_detections',
      'list_global_helpers',
    ]);
  });

  it('follows the pack conventions, with one tool per file named after it', () => {
    expect(() =>
      assertPackConventions(detectionsPack, {
        maxDescriptionLength: 300,
        toolsDir: new URL('./tools/', import.meta.url),
      }),
    ).not.toThrow();
  });

  it('has disable_detection as its only write, and raw permission names', () => {
    expect(detectionsPack.tools.filter((t) => t.access === 'write').map((t) => t.name)).toEqual([
      'disable_detection',
    ]);
    const permissions = Object.fromEntries(detectionsPack.tools.map((t) => [t.name, t.permissions]));
    expect(permissions).toEqual({
      list_detections: ['RuleRead', 'PolicyRead'],
      get_detection: ['RuleRead', 'PolicyRead'],
      disable_detection: { anyOf: ['RuleModify', 'PolicyModify'] },
      list_global_helpers: ['RuleRead'],
      get_global_helper: ['RuleRead'],
      list_data_models: ['RuleRead'],
      get_data_model: ['RuleRead'],
    });
  });

  it('keeps descriptions short and the tools/list entries small', () => {
    const entries = detectionsPack.tools.map(listEntry);
    for (const entry of entries) {
      expect(entry.description.length, entry.name).toBeGreaterThanOrEqual(60);
      expect(entry.description.length, entry.name).toBeLessThanOrEqual(300);
      expect(entry.description, entry.name).not.toMatch(/Returns:/);
    }
    const size = JSON.stringify(entries).length;
    console.log(`detections pack tools/list: ${size} chars`);
    // 4,600 before list_detections and get_detection took fields; all four packs stay within 23,000.
    expect(size).toBeLessThan(4800);
  });

  it('advertises every enum, default and bound in the JSON Schema', () => {
    const schema = (name: string) =>
      JSON.stringify(listEntry(detectionsPack.tools.find((t) => t.name === name)!).inputSchema);
    const types = '"enum":["rules","scheduled_rules","simple_rules","policies"]';
    expect(schema('list_detections')).toContain(types);
    expect(schema('list_detections')).toContain('"default":["rules"],"minItems":1');
    expect(schema('list_detections')).toContain('"enum":["enabled","disabled"]');
    expect(schema('list_detections')).toContain('"enum":["INFO","LOW","MEDIUM","HIGH","CRITICAL"]');
    expect(schema('list_detections')).toContain('"enum":["PASS","FAIL","ERROR"]');
    expect(schema('list_detections')).toContain(
      '"default":100,"description":"per type","type":"integer","minimum":1,"maximum":1000',
    );
    expect(schema('get_detection')).toContain(types);
    expect(schema('disable_detection')).toContain('"default":"rules"');
    expect(schema('list_global_helpers')).toContain('"minimum":1,"maximum":1000');
    expect(schema('list_data_models')).toContain('"minimum":1,"maximum":1000');
  });
});
