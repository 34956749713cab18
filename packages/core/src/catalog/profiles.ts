import type { PantherClient } from '@mcp-panther/client';
import type { ProfileConfig } from '../config/authSchema.js';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import { McpHostError } from '../errors.js';
import type { PantherTarget, ValidatedPack } from '../types.js';
import { buildCatalog, type Catalog, type KnownPermissions, sharedPreparer } from './catalog.js';
import { type DiscoveredPermissions, discoverPermissions } from './discoverPermissions.js';
import type { PackScope } from './toolset.js';

/**
 * Profiles turn one host into several least-privilege views of it: each profile's policy is filtered with the
 * permissions of its own Panther token into a catalog of its own, built with the host's (at start-up and on each
 * reload). Tools are prepared once for all the catalogs; each catalog has the client of its token, so cached
 * answers are never shared between tokens.
 */

/** What the host serves: the top-level policy's catalog and one per profile. */
export interface Catalogs {
  readonly base: Catalog;
  readonly profiles: ReadonlyMap<string, Catalog>;
}

/** A profile with the client of its Panther token. */
export interface ProfileSource {
  readonly name: string;
  readonly profile: ProfileConfig;
  readonly client: PantherClient;
}

/** Each profile with its client: the one of its own Panther token, else the host's. */
export function profileSources(options: {
  readonly profiles: Readonly<Record<string, ProfileConfig>>;
  readonly pantherTokens: ReadonlyMap<string, string>;
  readonly hostClient: PantherClient;
  readonly clientFor: (token: string) => PantherClient;
}): ProfileSource[] {
  return Object.entries(options.profiles).map(([name, profile]) => {
    const token = options.pantherTokens.get(name);
    return { name, profile, client: token === undefined ? options.hostClient : options.clientFor(token) };
  });
}

/** Reads each client's permissions once (`GET /api-tokens/self`), however many profiles share its token. */
export function permissionReader(logger: Logger): (client: PantherClient) => Promise<DiscoveredPermissions> {
  const read = new Map<PantherClient, Promise<DiscoveredPermissions>>();
  return (client) => {
    let found = read.get(client);
    if (found === undefined) {
      found = discoverPermissions(client, logger);
      read.set(client, found);
    }
    return found;
  };
}

const SWITCHED_OFF: KnownPermissions = {
  permissions: undefined,
  note: 'switched off (policy.hideUnpermittedTools: false)',
};

function checkPackIds(name: string, profile: ProfileConfig, packs: readonly ValidatedPack[]): void {
  const known = new Set(packs.map((p) => p.pack.id));
  const unknown = (profile.packs ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new McpHostError(
      'CONFIG_INVALID',
      `Invalid configuration: profiles.${name}.packs: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is not a loaded pack' : 'are not loaded packs'} (loaded: ${[...known].join(', ') || 'none'})`,
    );
  }
}

/**
 * The catalogs for a set of packs and the host's policy: the top-level one, and each profile's (its mode, packs and
 * allow globs; the host's deny globs plus its own; the host's confirmation and permission settings; its token's
 * permissions).
 */
export async function buildCatalogs(input: {
  readonly packs: readonly ValidatedPack[];
  readonly policy: HostConfig['policy'];
  readonly base: { readonly client: PantherClient; readonly permissions: KnownPermissions };
  readonly profiles: readonly ProfileSource[];
  readonly permissionsOf: (client: PantherClient) => Promise<KnownPermissions>;
  readonly target: PantherTarget;
  readonly packScope: (pack: ValidatedPack) => PackScope;
}): Promise<Catalogs> {
  const { packs, policy, target, packScope } = input;
  const prepare = sharedPreparer(packScope);
  const common = { packs, target, packScope, prepare };
  const base = buildCatalog({ ...common, policy, ...input.base });
  const profiles = await Promise.all(
    input.profiles.map(async ({ name, profile, client }): Promise<[string, Catalog]> => {
      checkPackIds(name, profile, packs);
      const permissions = policy.hideUnpermittedTools ? await input.permissionsOf(client) : SWITCHED_OFF;
      const catalog = buildCatalog({
        ...common,
        policy: {
          ...policy,
          mode: profile.mode,
          allowTools: profile.allowTools,
          denyTools: [...policy.denyTools, ...profile.denyTools],
        },
        permissions,
        client,
        packIds: profile.packs ? new Set(profile.packs) : undefined,
      });
      return [name, catalog];
    }),
  );
  return { base, profiles: new Map(profiles) };
}
