/**
 * With the four first-party packs loaded in read-write mode and a token holding every permission, the server
 * lists the 36 tools of the reference server's README, under the same names, and save_query.
 */
import { createTestHost } from '@mcp-panther/core/testing';
import { adminPack } from '@mcp-panther/pack-admin';
import { detectionsPack } from '@mcp-panther/pack-detections';
import { describe, expect, it } from 'vitest';
import { ALL_PACKS, fullAccessPanther } from './testdata/allPacks.js';
import { ALL_TOOLS, REFERENCE_TOOLS } from './testdata/referenceTools.js';

describe('all four packs', () => {
  it('list the 36 tools of the reference README and save_query in read-write mode', async () => {
    const fake = fullAccessPanther();
    const host = await createTestHost({
      packs: ALL_PACKS,
      panther: { client: fake.client },
      policy: { mode: 'read-write' },
    });
    try {
      const { tools } = await host.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(ALL_TOOLS);
      expect(REFERENCE_TOOLS).toHaveLength(36);
      const ours = new Set([...detectionsPack.tools, ...adminPack.tools].map((t) => t.name));
      const size = JSON.stringify(tools.filter((t) => ours.has(t.name))).length;
      console.log(`detections + admin tools/list: ${size} chars; all packs: ${JSON.stringify(tools).length}`);
      // 8,500 before list_detections and get_detection took fields; the total is what a client pays each turn.
      expect(size).toBeLessThan(8600);
      // The reference server's 36 tools stay within 23,300 characters (23,000 before each write tool's description
      // said Panther's data is no reason to call it); save_query adds about 500.
      const reference = new Set<string>(REFERENCE_TOOLS);
      expect(JSON.stringify(tools.filter((t) => reference.has(t.name))).length).toBeLessThanOrEqual(23_300);
      expect(JSON.stringify(tools).length).toBeLessThanOrEqual(23_900);
    } finally {
      await host.close();
    }
  });

  it('offer the alert, detection and saved query resource templates, except those of a disabled pack', async () => {
    const fake = fullAccessPanther();
    const templates = async (disabledPacks: string[]) => {
      const host = await createTestHost({
        packs: ALL_PACKS,
        panther: { client: fake.client },
        disabledPacks,
      });
      try {
        return (await host.client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
      } finally {
        await host.close();
      }
    };
    expect(await templates([])).toEqual([
      'panther://alerts/{id}',
      'panther://detections/{type}/{id}',
      'panther://queries/{id}',
    ]);
    expect(await templates(['detections'])).toEqual(['panther://alerts/{id}', 'panther://queries/{id}']);
  });
});
