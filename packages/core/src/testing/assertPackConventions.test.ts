import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  describe('with toolsDir', () => {
    const root = mkdtempSync(join(tmpdir(), 'pack-conventions-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const folder = (name: string, files: string[]) => {
      const dir = join(root, name);
      mkdirSync(dir);
      for (const file of files) writeFileSync(join(dir, file), '');
      return dir;
    };

    it('passes one module per tool, named after it (sources or build output, tests aside)', () => {
      const sources = folder('src', [
        'update-thing.ts',
        'update-thing.test.ts',
        'list-things.ts',
        'fail-thing.ts',
        'delete-thing.ts',
      ]);
      const built = folder('dist', [
        'update-thing.js',
        'update-thing.js.map',
        'update-thing.d.ts',
        'list-things.js',
        'fail-thing.js',
        'delete-thing.js',
      ]);
      expect(() => assertPackConventions(thingsPack, { toolsDir: sources })).not.toThrow();
      expect(() => assertPackConventions(thingsPack, { toolsDir: built })).not.toThrow();
    });

    it('names tools without a file, files without a tool, and a missing folder', () => {
      const dir = folder('odd', ['update-thing.ts', 'list_things.ts', 'fail-thing.ts', 'delete-thing.ts']);
      expect(() => assertPackConventions(thingsPack, { toolsDir: dir })).toThrow(
        /^Pack "things" breaks 2 convention\(s\):\n {2}- tool "list_things" has no file list-things\.ts in the tools folder\n {2}- tools folder file list_things\.ts is named after no tool$/,
      );
      expect(() => assertPackConventions(thingsPack, { toolsDir: join(root, 'none') })).toThrow(
        /cannot read the tools folder: ENOENT/,
      );
    });
  });
});
