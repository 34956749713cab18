import { describe, expect, it } from 'vitest';
import { definePack } from '../define/definePack.js';
import { otherPack, thingsPack } from '../testdata/packs.js';
import { assertPackConventions } from './assertPackConventions.js';

describe('assertPackConventions', () => {
  it('passes packs that follow the conventions', () => {
    expect(() => assertPackConventions(thingsPack)).not.toThrow();
    expect(() => assertPackConventions(otherPack)).not.toThrow();
  });

  it('lists every broken convention in one error', () => {
    const long = { ...thingsPack.tools[0]!, description: 'x'.repeat(50) };
    const pack = definePack({ ...thingsPack, coreRange: '^99.0.0', tools: [long, ...thingsPack.tools] });
    expect(() => assertPackConventions(pack, { maxDescriptionLength: 40, maxTools: 3 })).toThrow(
      /^Pack "things" breaks 4 convention\(s\):\n {2}- it needs @mcp-panther\/core \^99\.0\.0.*\n {2}- tool "update_thing" is defined twice\n {2}- has 5 tools; at most 3\n {2}- tool "update_thing": description is 50 characters; at most 40$/,
    );
  });
});
