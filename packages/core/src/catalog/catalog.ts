import type { PantherClient } from '@mcp-panther/client';
import type { HostConfig } from '../config/schema.js';
import type { AnyTool, PolicyMode } from '../define/types.js';
import { maskUrlCredentials } from '../security/redact.js';
import { CONFIG_RESOURCE_URI, type HostInfo } from '../server/configResource.js';
import { prepareTemplates } from '../server/resourceTemplates.js';
import type { PantherTarget, ValidatedPack } from '../types.js';
import { type FilterResult, filterPrompts, filterTools, type ToolEntry } from './filterTools.js';
import { buildInstructions } from './instructions.js';
import { createToolset, type PackScope, type PreparedTool, prepareTools, type Toolset } from './toolset.js';

/** The token's permissions as discovery found them (undefined when unknown or switched off), and why. */
export interface KnownPermissions {
  readonly permissions: ReadonlySet<string> | undefined;
  readonly note: string | undefined;
}

/** The outcome of the policy: the mode, the token's permissions (when known) and the filtered tools. */
export interface PolicyState {
  readonly mode: PolicyMode;
  readonly permissions: ReadonlySet<string> | undefined;
  /** Why permissions are unknown, when they are. */
  readonly permissionsNote: string | undefined;
  readonly tools: FilterResult;
}

/**
 * What the host serves, computed from the packs, the policy and the token's permissions: built at start-up and
 * again on each reload, then swapped whole, so a request sees one catalog or the next, never a mix.
 */
export interface Catalog {
  readonly packs: readonly ValidatedPack[];
  readonly policy: PolicyState;
  readonly toolset: Toolset;
  readonly instructions: string;
}

/** Prepares tools for several catalogs built together: a tool more than one of them serves is prepared once. */
export type PrepareTools = (entries: readonly ToolEntry[]) => PreparedTool[];

export function sharedPreparer(packScope: (pack: ValidatedPack) => PackScope): PrepareTools {
  const prepared = new Map<AnyTool, PreparedTool>();
  return (entries) => {
    const fresh = prepareTools(
      entries.filter((entry) => !prepared.has(entry.tool)),
      packScope,
    );
    for (const tool of fresh) prepared.set(tool.entry.tool, tool);
    return entries.map((entry) => prepared.get(entry.tool)!);
  };
}

export function buildCatalog(input: {
  readonly packs: readonly ValidatedPack[];
  readonly policy: HostConfig['policy'];
  readonly permissions: KnownPermissions;
  readonly client: PantherClient;
  readonly target: PantherTarget;
  readonly packScope: (pack: ValidatedPack) => PackScope;
  /** A profile's packs (by id): the others' tools, prompts and templates are left out. Default: every pack. */
  readonly packIds?: ReadonlySet<string> | undefined;
  /** How tools are prepared (a shared preparer when catalogs are built together). */
  readonly prepare?: PrepareTools | undefined;
}): Catalog {
  const { permissions, packIds } = input;
  const packs = input.packs;
  const served = packIds ? packs.filter((p) => packIds.has(p.pack.id)) : packs;
  const policy: PolicyState = {
    mode: input.policy.mode,
    permissions: permissions.permissions,
    permissionsNote: permissions.note,
    tools: filterTools({ packs, policy: input.policy, permissions: permissions.permissions, packIds }),
  };
  const prepare =
    input.prepare ?? ((entries: readonly ToolEntry[]) => prepareTools(entries, input.packScope));
  const toolset = createToolset({
    tools: prepare(policy.tools.enabled),
    client: input.client,
    mode: policy.mode,
    confirmWrites: input.policy.confirmWrites,
    toolTimeouts: input.policy.toolTimeouts,
    untrusted: input.policy.untrusted,
    prompts: filterPrompts(served, permissions.permissions),
    templates: prepareTemplates(served),
  });
  return {
    packs,
    policy,
    toolset,
    instructions: buildInstructions({
      mode: policy.mode,
      target: input.target,
      packs: served,
      untrusted: input.policy.untrusted,
    }),
  };
}

/** What `config://panther` shows for a catalog (a profile's, when named): never the token. */
export function describeCatalog(catalog: Catalog, target: PantherTarget, profile?: string): HostInfo {
  const { policy, toolset, packs } = catalog;
  return {
    rest_api_url: maskUrlCredentials(target.rest),
    gql_api_url: maskUrlCredentials(target.graphql),
    ...target.facts,
    ...(profile === undefined ? {} : { profile }),
    mode: policy.mode,
    confirm_writes: toolset.confirmWrites,
    packs: packs.map((p) => ({
      id: p.pack.id,
      title: p.pack.title,
      source: p.specifier,
      enabled: p.enabled,
      tools: p.pack.tools.length,
    })),
    available_tools: toolset.definitions.map((t) => t.name),
    hidden_tools: policy.tools.hidden.map((h) => ({
      name: h.tool.name,
      pack: h.pack.pack.id,
      reason: h.reason,
      detail: h.detail,
    })),
    available_prompts: toolset.prompts.map((p) => p.prompt.name),
    available_resources: [CONFIG_RESOURCE_URI],
    available_resource_templates: toolset.templates.map((t) => t.template.uriTemplate),
    token_permissions: policy.permissions ? [...policy.permissions].sort() : null,
    ...(policy.permissionsNote ? { token_permissions_note: policy.permissionsNote } : {}),
  };
}

/** What a client must be told after a swap: which lists changed, and the tools that came and went. */
export interface CatalogChanges {
  readonly tools: boolean;
  readonly prompts: boolean;
  readonly resources: boolean;
  readonly addedTools: readonly string[];
  readonly removedTools: readonly string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Nothing changed (a session whose profile is gone is ended rather than told). */
export const NO_CHANGES: CatalogChanges = {
  tools: false,
  prompts: false,
  resources: false,
  addedTools: [],
  removedTools: [],
};

export function catalogChanges(before: Catalog, after: Catalog): CatalogChanges {
  const was = new Set(before.toolset.tools.keys());
  const is = new Set(after.toolset.tools.keys());
  return {
    tools: !same(before.toolset.definitions, after.toolset.definitions),
    prompts: !same(
      before.toolset.prompts.map((p) => p.prompt.name),
      after.toolset.prompts.map((p) => p.prompt.name),
    ),
    resources: !same(
      before.toolset.templates.map((t) => t.definition),
      after.toolset.templates.map((t) => t.definition),
    ),
    addedTools: [...is].filter((name) => !was.has(name)),
    removedTools: [...was].filter((name) => !is.has(name)),
  };
}
