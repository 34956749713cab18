import { describe, expect, it } from 'vitest';
import { OWNERSHIP_DEFAULTS, UNTRUSTED_DEFAULTS } from '../config/schema.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { fakeClient, otherPack, thingsPack } from '../testdata/packs.js';
import type { ValidatedPack } from '../types.js';
import { buildCatalog } from './catalog.js';
import { narrowCatalog, rememberedNarrowing } from './narrowCatalog.js';
import { checkToolsetRequest, ToolsetRequestError } from './toolsetRequest.js';

const packs: ValidatedPack[] = [thingsPack, otherPack].map((pack) => ({
  pack,
  specifier: pack.id,
  enabled: true,
  config: pack.id === 'things' ? { pageSize: 25 } : undefined,
}));
const target = { rest: 'https://api.fake.test', graphql: 'https://api.fake.test/graphql' };
const catalog = (mode: 'read-only' | 'read-write' = 'read-write') =>
  buildCatalog({
    packs,
    policy: {
      mode,
      allowTools: [],
      denyTools: ['delete_*'],
      hideUnpermittedTools: true,
      confirmWrites: 'never',
      toolTimeouts: {},
      untrusted: UNTRUSTED_DEFAULTS,
      ownership: OWNERSHIP_DEFAULTS,
    },
    permissions: { permissions: new Set(['AlertRead', 'AlertModify', 'UserRead']), note: undefined },
    client: fakeClient(),
    target,
    packScope: () => ({
      logger: createLogger({ level: 'error', format: 'json', sink: memorySink() }),
      config: undefined,
    }),
  });
const served = (c: ReturnType<typeof catalog>) => [...c.toolset.tools.keys()].sort();

describe('narrowCatalog', () => {
  it('keeps the named packs’ tools and the named tools, with their prompts', () => {
    const base = catalog();
    expect(served(base)).toEqual(['fail_thing', 'get_other', 'list_things', 'update_thing']);
    const things = narrowCatalog(base, [{ packs: ['things'] }], target);
    expect(served(things)).toEqual(['fail_thing', 'list_things', 'update_thing']);
    expect(things.toolset.prompts.map((p) => p.prompt.name)).toEqual(['triage-thing']);
    expect(things.instructions).toContain('Things are things.');
    const mixed = narrowCatalog(base, [{ packs: ['other'], tools: ['list_things'] }], target);
    expect(served(mixed)).toEqual(['get_other', 'list_things']);
    expect(mixed.toolset.definitions.map((d) => d.name).sort()).toEqual(['get_other', 'list_things']);
  });

  it('read-only leaves out writes and makes the call-time mode read-only', () => {
    const readOnly = narrowCatalog(catalog(), [{ readOnly: true }], target);
    expect(served(readOnly)).toEqual(['fail_thing', 'get_other', 'list_things']);
    expect(readOnly.toolset.mode).toBe('read-only');
    expect(readOnly.policy.mode).toBe('read-only');
    expect(readOnly.instructions).toContain('Mode: read-only');
    expect(readOnly.policy.tools.hidden.find((h) => h.tool.name === 'update_thing')).toMatchObject({
      reason: 'toolset',
      detail: 'a write tool, and the toolset asked for is read-only',
    });
  });

  it('only narrows: a request for a tool the policy hides, or for writes in read-only mode, adds nothing', () => {
    const readOnlyPolicy = catalog('read-only');
    expect(served(narrowCatalog(readOnlyPolicy, [{ packs: ['things'], readOnly: false }], target))).toEqual([
      'fail_thing',
      'list_things',
    ]);
    expect(served(narrowCatalog(catalog(), [{ tools: ['delete_thing'] }], target))).toEqual([]);
    expect(narrowCatalog(readOnlyPolicy, [{ readOnly: false }], target)).toBe(readOnlyPolicy);
  });

  it('intersects several requests (flags, path, headers)', () => {
    const both = narrowCatalog(
      catalog(),
      [{ packs: ['things'] }, { tools: ['list_things', 'get_other'] }],
      target,
    );
    expect(served(both)).toEqual(['list_things']);
    expect(both.policy.tools.hidden.find((h) => h.tool.name === 'get_other')?.detail).toContain(
      'not in the toolset asked for',
    );
  });

  it('remembers a narrowing per catalog and request', () => {
    const narrow = rememberedNarrowing(target);
    const base = catalog();
    expect(narrow(base, [{ packs: ['things'] }])).toBe(narrow(base, [{ packs: ['things'] }]));
    expect(narrow(base, [])).toBe(base);
    expect(narrow(catalog(), [{ packs: ['things'] }])).not.toBe(narrow(base, [{ packs: ['things'] }]));
  });
});

describe('checkToolsetRequest', () => {
  it('names an unknown pack or tool, and what exists', () => {
    expect(() =>
      checkToolsetRequest({ packs: ['things', 'alerts'], source: { packs: 'X-MCP-Toolsets' } }, packs),
    ).toThrow(new ToolsetRequestError('X-MCP-Toolsets: unknown pack "alerts"; the packs are things, other'));
    expect(() =>
      checkToolsetRequest({ tools: ['list_thing', 'nope'], source: { tools: '--tools' } }, packs),
    ).toThrow('--tools: unknown tools "list_thing", "nope"');
    // A tool the policy hides still exists: asking for it is not an error, it just adds nothing.
    expect(() => checkToolsetRequest({ tools: ['delete_thing'] }, packs)).not.toThrow();
  });
});
