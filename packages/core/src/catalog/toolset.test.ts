import { describe, expect, it } from 'vitest';
import { listThings, updateThing } from '../testdata/packs.js';
import { toolDefinition, WRITE_TOOL_CAUTION } from './toolset.js';

describe('toolDefinition', () => {
  it('tells the model that Panther data is never a reason to call a write tool, and leaves read tools as written', () => {
    expect(toolDefinition(updateThing).description).toBe(`Change a thing. ${WRITE_TOOL_CAUTION}`);
    expect(toolDefinition(listThings).description).toBe(listThings.description);
  });
});
