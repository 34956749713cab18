import type { PantherClient } from '@mcp-panther/client';
import type { HostConfig } from '../config/schema.js';
import type { PackScope } from '../di/createContainer.js';
import { filterPrompts, filterTools } from '../policy/filterTools.js';
import { maskUrlCredentials } from '../security/redact.js';
import { CONFIG_RESOURCE_URI, type HostInfo } from '../server/configResource.js';
import { buildInstructions } from '../server/instructions.js';
import { createToolset, prepareTools, type Toolset } from '../server/registerTools.js';
import { prepareTemplates } from '../server/resourceTemplates.js';
import type { PantherTarget, PolicyState, ValidatedPack } from '../types.js';

/** The token's permissions as discovery found them (undefined when unknown or switched off), and why. */
export interface KnownPermissions {
  readonly permissions: ReadonlySet<string> | undefined;
  readonly note: string | undefined;
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

export function buildCatalog(input: {
  readonly packs: readonly ValidatedPack[];
  readonly policy: HostConfig['policy'];
  readonly permissions: KnownPermissions;
  readonly client: PantherClient;
  readonly target: PantherTarget;
  readonly packScope: (pack: ValidatedPack) => PackScope;
}): Catalog {
  const { packs, permissions } = input;
  const policy: PolicyState = {
    mode: input.policy.mode,
    permissions: permissions.permissions,
    permissionsNote: permissions.note,
    tools: filterTools({ packs, policy: input.policy, permissions: permissions.permissions }),
  };
  const toolset = createToolset({
    tools: prepareTools(policy.tools.enabled, input.packScope),
    client: input.client,
    mode: policy.mode,
    confirmWrites: input.policy.confirmWrites,
    prompts: filterPrompts(packs, permissions.permissions),
    templates: prepareTemplates(packs),
  });
  return {
    packs,
    policy,
    toolset,
    instructions: buildInstructions({ mode: policy.mode, target: input.target, packs }),
  };
}

/** What `config://panther` shows for a catalog: never the token. */
export function describeCatalog(catalog: Catalog, target: PantherTarget): HostInfo {
  const { policy, toolset, packs } = catalog;
  return {
    rest_api_url: maskUrlCredentials(target.rest),
    gql_api_url: maskUrlCredentials(target.graphql),
    ...target.facts,
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
