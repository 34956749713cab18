import { describe, expect, it } from 'vitest';
import { otherPack, thingsPack } from '../testdata/packs.js';
import type { ValidatedPack } from '../types.js';
import { filterPrompts, filterTools } from './filterTools.js';

const packs = (otherEnabled = true): ValidatedPack[] => [
  { pack: thingsPack, specifier: 'things', enabled: true, config: {} },
  { pack: otherPack, specifier: 'other', enabled: otherEnabled, config: undefined },
];
const policy = { mode: 'read-write' as const, allowTools: [] as string[], denyTools: [] as string[] };
const names = (r: ReturnType<typeof filterTools>) => r.enabled.map((e) => e.tool.name);
const reasons = (r: ReturnType<typeof filterTools>) =>
  Object.fromEntries(r.hidden.map((h) => [h.tool.name, h.reason]));

describe('filterTools', () => {
  it('keeps everything in read-write mode with no globs and unknown permissions, sorted by pack then name', () => {
    const result = filterTools({ packs: packs(), policy, permissions: undefined });
    expect(names(result)).toEqual(['get_other', 'delete_thing', 'fail_thing', 'list_things', 'update_thing']);
    expect(result.hidden).toEqual([]);
  });

  it('hides write tools in read-only mode even when the allow list names them', () => {
    const result = filterTools({
      packs: packs(),
      policy: { ...policy, mode: 'read-only', allowTools: ['update_thing', 'list_*'] },
      permissions: undefined,
    });
    expect(names(result)).toEqual(['list_things']);
    expect(reasons(result)).toEqual({
      update_thing: 'read-only',
      delete_thing: 'read-only',
      fail_thing: 'not-allowed',
      get_other: 'not-allowed',
    });
  });

  it('hides tools the token lacks permissions for (all-of and any-of), with the missing names', () => {
    const result = filterTools({
      packs: packs(),
      policy,
      permissions: new Set(['AlertRead', 'PolicyModify']),
    });
    expect(names(result)).toEqual(['delete_thing', 'fail_thing', 'list_things']);
    const hidden = Object.fromEntries(result.hidden.map((h) => [h.tool.name, h.detail]));
    expect(hidden).toEqual({
      get_other: 'the API token lacks UserRead',
      update_thing: 'the API token lacks AlertModify',
    });
  });

  it('applies the filters in the written order: pack, mode, permissions, deny, allow', () => {
    const both = {
      mode: 'read-only' as const,
      denyTools: ['list_*', 'get_*', 'update_*'],
      allowTools: ['fail_*', 'get_*'],
    };
    const result = filterTools({ packs: packs(), policy: both, permissions: new Set(['AlertRead']) });
    expect(names(result)).toEqual(['fail_thing']);
    expect(reasons(result)).toEqual({
      get_other: 'permission',
      update_thing: 'read-only',
      delete_thing: 'read-only',
      list_things: 'denied',
    });
    const disabled = filterTools({ packs: packs(false), policy: both, permissions: new Set(['AlertRead']) });
    expect(reasons(disabled)['get_other']).toBe('pack-disabled');
  });

  it('deny wins over allow', () => {
    const result = filterTools({
      packs: packs(),
      policy: { ...policy, denyTools: ['fail_thing'], allowTools: ['fail_thing', 'get_*'] },
      permissions: undefined,
    });
    expect(names(result)).toEqual(['get_other']);
    expect(reasons(result)['fail_thing']).toBe('denied');
  });

  it('filters prompts by pack and permissions', () => {
    expect(filterPrompts(packs(), undefined).map((p) => p.prompt.name)).toEqual(['triage-thing']);
    expect(filterPrompts([{ ...packs()[0]!, enabled: false }], undefined)).toEqual([]);
  });
});
