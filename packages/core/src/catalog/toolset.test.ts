import { describe, expect, it } from 'vitest';
import { listThings, updateThing } from '../testdata/packs.js';
import type { PromptEntry } from './filterTools.js';
import { type PreparedTool, promptFits, toolDefinition, WRITE_TOOL_CAUTION } from './toolset.js';

describe('toolDefinition', () => {
  it('tells the model that Panther data is never a reason to call a write tool, and leaves read tools as written', () => {
    expect(toolDefinition(updateThing).description).toBe(`Change a thing. ${WRITE_TOOL_CAUTION}`);
    expect(toolDefinition(listThings).description).toBe(listThings.description);
  });
});

/** Just what promptFits reads: pack ids and tool lists, prompt tool names. */
const pack = (id: string, tools: string[]) => ({ pack: { id, tools: tools.map((name) => ({ name })) } });
const entry = (packId: string, packTools: string[], tools?: string[]) =>
  ({
    pack: pack(packId, packTools),
    prompt: { name: 'p', ...(tools ? { tools } : {}) },
  }) as unknown as PromptEntry;
const toolsOf = (...items: [string, string][]) =>
  new Map(
    items.map(([packId, name]) => [name, { entry: { pack: pack(packId, []) } } as unknown as PreparedTool]),
  );

describe('promptFits', () => {
  it('offers a prompt only to a caller with every tool it names', () => {
    const triage = entry(
      'alerts',
      ['get_alert', 'list_alerts'],
      ['get_alert', 'list_alerts', 'query_data_lake'],
    );
    expect(promptFits(triage, toolsOf(['alerts', 'get_alert'], ['alerts', 'list_alerts']))).toBe(false);
    expect(
      promptFits(
        triage,
        toolsOf(['alerts', 'get_alert'], ['alerts', 'list_alerts'], ['datalake', 'query_data_lake']),
      ),
    ).toBe(true);
    // Tools of another pack do not stand in for the ones named.
    expect(promptFits(triage, toolsOf(['detections', 'list_detections']))).toBe(false);
  });

  it('offers a prompt that names no tools to a caller with a tool of its pack (or when its pack has none)', () => {
    const plain = entry('alerts', ['get_alert']);
    expect(promptFits(plain, toolsOf(['alerts', 'get_alert']))).toBe(true);
    expect(promptFits(plain, toolsOf(['detections', 'list_detections']))).toBe(false);
    expect(promptFits(entry('guides', []), toolsOf())).toBe(true);
  });
});
